// Audit trail benchmarks: 10 million rows across 10,000 organizations, keyset pages through the
// portal's own code under RLS against the same SQL run directly, and a streamed CSV export.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Tx } from '@/lib/db/rls';
import { report } from './stats';

const ACTIONS = ['member.role_changed', 'access.denied', 'audit.exported', 'audit.archived'];

/** Bulk rows for reading only: inserted with the chain trigger off, so their hashes are placeholders. */
export async function seedAudit(owner: pg.Client, total: number, bigOrgRows: number) {
  const start = performance.now();
  await owner.query(`insert into organizations (slug, name) values ('org-big', 'Big Organization') on conflict do nothing`);
  await owner.query(
    `insert into memberships (org_id, user_id, role)
     select (select id from organizations where slug = 'org-big'), id, 'admin' from users where email = 'user1@scale.example'
     on conflict do nothing`,
  );
  const insert = (orgExpr: string, from: number, to: number) =>
    owner.query(
      `insert into integration_audit_logs (org_id, chain_seq, actor_type, actor_id, actor_label, action, target_type, target_id,
                                           outcome, changed_fields, metadata, created_at, prev_hash, hash)
       select ${orgExpr}, g, 'user', null, 'user' || (g % 50000) || '@scale.example',
              (array['${ACTIONS.join("','")}'])[1 + g % ${ACTIONS.length}], 'membership', md5(g::text),
              case when g % 33 = 0 then 'denied' when g % 14 = 0 then 'failure' else 'success' end,
              '{role}', '{}'::jsonb, now() - ((g::bigint * 7919) % 10368000) * interval '1 second',
              repeat('0', 64), md5('h' || g)
         from generate_series($1::bigint, $2::bigint) g`,
      [from, to],
    );
  await owner.query(`set session_replication_role = replica`);
  // Building the secondary indexes once at the end is several times faster than maintaining them
  // row by row; their definitions are read back from the catalog, so the migration stays the only source.
  const indexes = await owner.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = 'integration_audit_logs' and indexname <> 'integration_audit_logs_pkey'`,
  );
  for (const index of indexes.rows) await owner.query(`drop index public.${index.name}`);
  const chunk = 1_000_000;
  const spread = total - bigOrgRows;
  await owner.query(`create temp table bench_orgs as select array_agg(id order by slug) ids from organizations where slug like 'org-%' and slug <> 'org-big'`);
  const orgCount = (await owner.query<{ n: number }>(`select cardinality(ids) n from bench_orgs`)).rows[0]!.n;
  for (let from = 1; from <= spread; from += chunk) {
    const to = Math.min(spread, from + chunk - 1);
    await insert(`(select ids[1 + (g % ${orgCount})] from bench_orgs)`, from, to);
    process.stdout.write(`  audit rows: ${to.toLocaleString('en')} / ${total.toLocaleString('en')}\r`);
  }
  for (let from = spread + 1; from <= total; from += chunk) {
    await insert(`(select id from organizations where slug = 'org-big')`, from, Math.min(total, from + chunk - 1));
  }
  await owner.query(`set session_replication_role = origin`);
  await owner.query(`set maintenance_work_mem = '1GB'`);
  for (const index of indexes.rows) await owner.query(index.def);
  // Point each chain's head past the bulk rows, so events written later (health checks in the runner
  // benchmark) continue the chains instead of colliding with placeholder sequence numbers.
  await owner.query(
    `insert into audit_chain_heads (chain, seq, hash)
     select coalesce(org_id::text, 'platform'), max(chain_seq), repeat('0', 64) from integration_audit_logs group by 1
     on conflict (chain) do update set seq = greatest(audit_chain_heads.seq, excluded.seq)`,
  );
  // The daily counters are kept by triggers, which the bulk load bypassed.
  await owner.query('select app_private.audit_daily_rebuild()');
  await owner.query('analyze integration_audit_logs');
  console.log(`Audit rows: ${total.toLocaleString('en')} across ${orgCount + 1} organizations (${bigOrgRows.toLocaleString('en')} in org-big), seeded in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}

function ownerTx(client: pg.Client): Tx {
  return {
    query: async (text, values) => (await client.query(text, values)).rows,
    one: async (text, values) => (await client.query(text, values)).rows[0],
  };
}

export async function benchAuditPages(owner: pg.Client, iterations: number) {
  const { withRls } = await import('@/lib/db/rls');
  const { auditPage } = await import('@/lib/audit/query');
  const admins = await owner.query<{ user_id: string; org_id: string }>(
    `select m.user_id, m.org_id from memberships m join organizations o on o.id = m.org_id
      where m.role = 'admin' and o.slug like 'org-%' and o.slug <> 'org-big' order by random() limit $1`,
    [iterations],
  );
  const superadmin = (await owner.query<{ id: string }>(`select id from users where is_superadmin limit 1`)).rows[0]!.id;
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

  type Case = { label: string; filters: (orgId: string) => Promise<Record<string, string>> };
  const deepCursor = async (orgId: string | null, offset: number) => {
    const r = await owner.query<{ c: string }>(
      `select (extract(epoch from created_at) * 1000000)::bigint || '-' || id as c from integration_audit_logs
        where ($1::uuid is null or org_id = $1) order by created_at desc, id desc offset $2 limit 1`,
      [orgId, offset],
    );
    return r.rows[0]?.c;
  };
  const cases: Case[] = [
    { label: 'first page', filters: async () => ({}) },
    { label: 'page 18 (rows 900-950)', filters: async (orgId) => ({ cursor: (await deepCursor(orgId, 900))! }) },
    { label: 'action + 30-day range', filters: async () => ({ action: 'access.denied', from: day(60), to: day(30) }) },
  ];
  for (const c of cases) {
    const rls: number[] = [];
    const raw: number[] = [];
    for (const a of admins.rows) {
      const filters = await c.filters(a.org_id);
      await auditPage(ownerTx(owner), { orgId: a.org_id }, filters); // both sides then read warm pages
      const t0 = performance.now();
      await withRls({ userId: a.user_id, orgId: a.org_id, orgRole: 'admin', isSuperadmin: false }, (tx) => auditPage(tx, { orgId: a.org_id }, filters));
      rls.push(performance.now() - t0);
      const t1 = performance.now();
      await auditPage(ownerTx(owner), { orgId: a.org_id }, filters);
      raw.push(performance.now() - t1);
    }
    report(`audit, tenant admin: ${c.label}`, rls, raw, 'raw SQL');
  }

  const platformCases: Case[] = [
    { label: 'first page, all organizations', filters: async () => ({}) },
    { label: 'deep page (row 100,000), all orgs', filters: async () => ({ cursor: (await deepCursor(null, 100_000))! }) },
    { label: 'action + 30-day range, all orgs', filters: async () => ({ action: 'access.denied', from: day(60), to: day(30) }) },
  ];
  for (const c of platformCases) {
    const filters = await c.filters('');
    const rls: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < Math.min(iterations, 100); i++) {
      const t0 = performance.now();
      await withRls({ userId: superadmin, orgId: null, orgRole: null, isSuperadmin: true }, (tx) => auditPage(tx, { allOrgs: true }, filters));
      rls.push(performance.now() - t0);
      const t1 = performance.now();
      await auditPage(ownerTx(owner), { allOrgs: true }, filters);
      raw.push(performance.now() - t1);
    }
    report(`audit, superadmin: ${c.label}`, rls, raw, 'raw SQL');
  }
}

/** Streams org-big's export (about 1M rows) through the running server, sampling its memory as it goes. */
export async function benchAuditExport(get: (path: string) => Promise<Response>, memory: () => { peakMiB: number; rssMiB: number }) {
  const before = memory();
  const start = performance.now();
  const res = await get('/api/v1/admin/audit/export?org=org-big');
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let lines = 0;
  let maxRss = before.rssMiB;
  let lastSample = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
    if (performance.now() - lastSample > 250) {
      lastSample = performance.now();
      maxRss = Math.max(maxRss, memory().rssMiB);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const after = memory();
  console.log(
    `CSV export: ${(lines - 1).toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s ` +
      `(${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s); server RSS before ${before.rssMiB.toFixed(0)} MiB, ` +
      `highest while streaming ${maxRss.toFixed(0)} MiB, peak (VmHWM) ${after.peakMiB.toFixed(0)} MiB`,
  );
}
