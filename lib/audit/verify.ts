import 'server-only';
import { withElevated } from '@/lib/db/rls';

export interface ChainProblem {
  chain: string;
  id: string | null;
  seq: string;
  reason: string;
}

const BATCH = 5000;

/**
 * Re-computes every hash of every chain (archive and live rows together, in order) and reports the
 * first broken row of each chain: an edited row, a removed or re-ordered one, or a cut-off tail.
 */
export async function verifyAuditChains(onProgress?: (chain: string, rows: number) => void): Promise<{ chains: number; rows: number; problems: ChainProblem[] }> {
  const heads = await withElevated('audit.verify', (tx) =>
    tx.query<{ chain: string; seq: string; hash: string }>(`select chain, seq::text, hash from public.audit_chain_heads order by chain`),
  );
  const problems: ChainProblem[] = [];
  let total = 0;
  for (const head of heads) {
    let lastSeq = 0n;
    let lastHash = '0'.repeat(64);
    let broken: ChainProblem | null = null;
    for (;;) {
      const rows = await withElevated('audit.verify', (tx) =>
        tx.query<{ id: string; chain_seq: string; prev_hash: string; hash: string; expected: string }>(
          `select id::text, chain_seq::text, prev_hash, hash,
                  app_private.audit_hash(prev_hash, org_id, chain_seq, actor_type, actor_id, actor_label, action,
                    integration_type, target_type, target_id, outcome, changed_fields, metadata, ip, user_agent, created_at) as expected
             from (select * from public.integration_audit_logs_archive
                    where coalesce(org_id::text, 'platform') = $1 and chain_seq > $2 and chain_seq <= $4
                   union all
                   select * from public.integration_audit_logs
                    where coalesce(org_id::text, 'platform') = $1 and chain_seq > $2 and chain_seq <= $4) t
            order by t.chain_seq
            limit $3`,
          // Up to the head read above: rows written while verifying are checked on the next run.
          [head.chain, lastSeq.toString(), BATCH, head.seq],
        ),
      );
      for (const row of rows) {
        const seq = BigInt(row.chain_seq);
        const reason =
          seq !== lastSeq + 1n
            ? `row ${lastSeq + 1n} is missing`
            : row.prev_hash !== lastHash
              ? 'does not follow the previous row'
              : row.hash !== row.expected
                ? 'was changed after it was written'
                : null;
        if (reason) {
          broken = { chain: head.chain, id: row.id, seq: row.chain_seq, reason };
          break;
        }
        lastSeq = seq;
        lastHash = row.hash;
      }
      total += rows.length;
      onProgress?.(head.chain, total);
      if (broken || rows.length < BATCH) break;
    }
    if (!broken && (lastSeq.toString() !== head.seq || lastHash !== head.hash)) {
      broken = { chain: head.chain, id: null, seq: (lastSeq + 1n).toString(), reason: `rows after ${lastSeq} are missing (the chain head is at ${head.seq})` };
    }
    if (broken) problems.push(broken);
  }
  return { chains: heads.length, rows: total, problems };
}
