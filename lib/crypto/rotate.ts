import 'server-only';
import { writeAudit } from '@/lib/audit/write';
import { withElevated } from '@/lib/db/rls';
import { DecryptionError, open, seal } from './envelope';
import { keyring } from './keyring';

export interface RotationProgress {
  rotated: number;
  /** Rows whose envelope cannot be opened with any listed key; they keep their envelope and are reported. */
  unreadable: { id: string; integrationType: string; reason: string }[];
  remaining: number;
}

/**
 * Re-seals every credential row still on an older key with the current one (the first entry of
 * INTEGRATIONS_ENCRYPTION_KEYS), one batch per transaction, while the portal keeps running: rows are
 * locked only for their own batch, and readers can open either envelope throughout because old keys
 * stay in the ring. Stopping is safe at any point; the next run picks up the rows still on an old key.
 */
export async function rotateCredentials(options: { batchSize?: number; onBatch?: (p: RotationProgress) => void; signal?: AbortSignal } = {}): Promise<RotationProgress> {
  const ring = keyring();
  const progress: RotationProgress = { rotated: 0, unreadable: [], remaining: 0 };
  // Rows locked by a save or test at that moment are skipped by a pass; a few more passes pick them up.
  for (let pass = 0; pass < 5 && !options.signal?.aborted; pass++) {
    await rotationPass(ring, progress, options);
    progress.remaining = await countOnOldKeys(ring.current.kid);
    if (progress.remaining <= progress.unreadable.length) break;
    await new Promise((resolve) => setTimeout(resolve, 200 * (pass + 1)));
  }
  return progress;
}

const countOnOldKeys = async (kid: string) =>
  (await withElevated('integrations.rotate', (tx) => tx.one<{ n: number }>(`select count(*)::int as n from public.integration_credentials where key_id <> $1`, [kid])))?.n ?? 0;

async function rotationPass(
  ring: ReturnType<typeof keyring>,
  progress: RotationProgress,
  options: { batchSize?: number; onBatch?: (p: RotationProgress) => void; signal?: AbortSignal },
): Promise<void> {
  const batchSize = options.batchSize ?? 200;
  const skipped = new Set(progress.unreadable.map((u) => u.id));
  let after = '00000000-0000-0000-0000-000000000000';
  while (!options.signal?.aborted) {
    const batch = await withElevated('integrations.rotate', async (tx) => {
      const rows = await tx.query<{ id: string; organization_id: string; integration_type: string; credentials_encrypted: string; key_id: string }>(
        `select id, organization_id, integration_type, credentials_encrypted, key_id
           from public.integration_credentials
          where key_id <> $1 and id > $2
          order by id
          limit $3
          for update skip locked`,
        [ring.current.kid, after, batchSize],
      );
      for (const row of rows) {
        const ctx = { orgId: row.organization_id, integrationType: row.integration_type };
        if (skipped.has(row.id)) continue;
        let plaintext: string;
        try {
          plaintext = open(ring, ctx, row.credentials_encrypted);
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
          progress.unreadable.push({ id: row.id, integrationType: row.integration_type, reason: error.message });
          continue;
        }
        const sealed = seal(ring, ctx, plaintext);
        await tx.query(`update public.integration_credentials set credentials_encrypted = $2, key_id = $3 where id = $1`, [row.id, sealed.envelope, sealed.kid]);
        await writeAudit(tx, { type: 'system', label: 'key rotation' }, {
          action: 'integration.reencrypted',
          orgId: row.organization_id,
          integrationType: row.integration_type,
          targetType: 'integration',
          targetId: row.integration_type,
          metadata: { sealed_with: row.key_id, resealed_with: sealed.kid },
        });
        progress.rotated += 1;
      }
      return rows;
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    options.onBatch?.({ ...progress });
  }
}
