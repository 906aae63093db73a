import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { withElevated } from '@/lib/db/rls';
import { AppError, forbidden } from '@/lib/http/errors';
import { ProbeFailure, type SyncSpec, type SyncedNumber } from '@/lib/integrations/define.server';
import { createProbeContext } from '@/lib/integrations/probe';
import { credentialsForSync } from '@/lib/integrations/sync-credentials';
import { logger } from '@/lib/log';
import { isLead } from './access';
import { normalizePhone } from './normalize';
import { retireGone, writeBatch, type Prepared } from './reconcile';

export interface SyncSummary {
  id: string;
  source: string;
  status: 'running' | 'succeeded' | 'failed';
  listed: number;
  processed: number;
  added: number;
  updated: number;
  deactivated: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

type SyncRow = Omit<SyncSummary, 'startedAt' | 'finishedAt'> & { started_at: Date; finished_at: Date | null };
const toSync = ({ started_at, finished_at, ...row }: SyncRow): SyncSummary => ({
  ...row,
  startedAt: started_at.toISOString(),
  finishedAt: finished_at?.toISOString() ?? null,
});

const BATCH = 500;
const syncTimeoutMs = () => Number(process.env.PROVIDER_SYNC_TIMEOUT_MS ?? 120_000);
/** A run still "running" this long after it started died with its process. */
const staleAfterSeconds = () => Math.ceil(syncTimeoutMs() / 1000) + 300;
// Worded as the integration check that refused syncs before this one did, so callers see no change.
const adminsOnly = () => forbidden('Only admins can change integrations.');

/** The latest sync of each source (for the progress bar and "last synced"); a dead run reads as failed. Agents see none. */
export async function latestSyncs(actor: Actor): Promise<SyncSummary[]> {
  if (!isLead(actor)) return [];
  const rows = await actor.db((tx) =>
    tx.query<SyncRow>(
      `select distinct on (source) id, source,
              case when status = 'running' and started_at < now() - make_interval(secs => $2) then 'failed' else status end as status,
              listed, processed, added, updated, deactivated,
              case when status = 'running' and started_at < now() - make_interval(secs => $2) then 'Stopped before it finished.' else error end as error,
              started_at, finished_at
         from public.phone_number_syncs where organization_id = $1
        order by source, started_at desc`,
      [actor.orgId, staleAfterSeconds()],
    ),
  );
  return rows.map(toSync);
}

function numberType(facts: SyncSpec<unknown>, upstream: string | null, libType: string | null): string | null {
  const t = (upstream ?? '').toLowerCase();
  if (t.includes('toll') || libType === 'TOLL_FREE') return 'toll-free';
  if (facts.numberType) return facts.numberType;
  if (t.includes('mobile') || libType === 'MOBILE') return 'mobile';
  if (t.includes('land') || t.includes('local') || libType === 'FIXED_LINE' || libType === 'FIXED_LINE_OR_MOBILE') return 'local';
  return null;
}

/** The provider's list in E.164, one entry per number; entries that are no valid number are skipped. */
function prepare(upstream: SyncedNumber[], facts: SyncSpec<unknown>): { list: Prepared[]; skipped: string[] } {
  const prepared = new Map<string, Prepared>();
  const skipped: string[] = [];
  for (const n of upstream) {
    const raw = facts.international && !n.phoneNumber.trim().startsWith('+') ? `+${n.phoneNumber}` : n.phoneNumber;
    const normalized = normalizePhone(raw, facts.defaultCountry);
    if (!normalized.ok) {
      skipped.push(n.externalId);
      continue;
    }
    prepared.set(normalized.e164, {
      phone: normalized.e164,
      externalId: n.externalId.slice(0, 100),
      displayName: n.displayName?.slice(0, 100) ?? null,
      type: numberType(facts, n.numberType, normalized.type),
      canCall: n.canCall,
      canSms: n.canSms,
      canWhatsapp: n.canWhatsapp ?? false,
    });
  }
  return { list: [...prepared.values()], skipped };
}

/** Starts a sync run (one per organization and source at a time) and returns its id. Admins only. */
export async function startSync(actor: Actor, type: string) {
  if (actor.role !== 'admin') throw adminsOnly();
  const resolved = await credentialsForSync(actor, type);
  const run = await actor
    .db(async (tx) => {
      // A run that died without finishing (a crashed process) must not block the next one forever.
      await tx.query(
        `update public.phone_number_syncs set status = 'failed', error = 'Stopped before it finished.', finished_at = now()
          where organization_id = $1 and source = $2 and status = 'running' and started_at < now() - make_interval(secs => $3)`,
        [actor.orgId, type, staleAfterSeconds()],
      );
      const running = await tx.one(`select 1 from public.phone_number_syncs where organization_id = $1 and source = $2 and status = 'running'`, [actor.orgId, type]);
      if (running) throw new AppError(409, 'conflict', `A sync of ${resolved.provider.name} numbers is already running.`);
      return tx.one<{ id: string }>(`insert into public.phone_number_syncs (organization_id, source, started_by) values ($1, $2, $3) returning id`, [
        actor.orgId,
        type,
        actor.userId,
      ]);
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw new AppError(409, 'conflict', `A sync of ${resolved.provider.name} numbers is already running.`);
      throw error;
    });
  return { ...resolved, syncId: run!.id };
}

/**
 * Syncs now and returns the finished run: the provider's list is pulled and the organization's
 * numbers brought in line with it. New ones are added, changed ones updated, and ones gone upstream
 * made inactive (unassigned, with history and audit) but never deleted. Idempotent: a second run
 * changes nothing. Progress is written as it goes.
 */
export async function syncNumbers(actor: Actor, type: string): Promise<SyncSummary> {
  return runSync(actor, type, await startSync(actor, type));
}

/** Runs a sync startSync began (in the background, for the portal's own page). */
export async function runSync(actor: Actor, type: string, started: Awaited<ReturnType<typeof startSync>>): Promise<SyncSummary> {
  if (actor.role !== 'admin') throw adminsOnly();
  const { provider, data, integrationId, syncId } = started;
  const progress = (fields: Partial<Record<'listed' | 'processed' | 'added' | 'updated', number>>) =>
    actor.db((tx) =>
      tx.query(
        `update public.phone_number_syncs set listed = coalesce($2, listed), processed = coalesce($3, processed), added = coalesce($4, added),
                updated = coalesce($5, updated) where id = $1`,
        [syncId, fields.listed ?? null, fields.processed ?? null, fields.added ?? null, fields.updated ?? null],
      ),
    );

  try {
    const ctx = createProbeContext(syncTimeoutMs());
    let upstream: SyncedNumber[];
    try {
      upstream = await provider.sync!.list(data, ctx);
    } finally {
      ctx.dispose();
    }

    // What the provider declares about its lists: the default country, number type and capabilities it owns.
    const facts = provider.sync!;
    // Entries that are not valid numbers are skipped, but still count as listed: never "gone".
    const { list, skipped } = prepare(upstream, facts);
    if (skipped.length > 0) logger.warn({ source: type, invalid: skipped.length }, 'sync skipped numbers that are not valid phone numbers');
    await progress({ listed: list.length });

    let added = 0;
    let updated = 0;
    for (let i = 0; i < list.length; i += BATCH) {
      const counts = await actor.db((tx) => writeBatch(tx, actor, type, integrationId, list.slice(i, i + BATCH), facts.sets));
      added += counts?.added ?? 0;
      updated += counts?.updated ?? 0;
      await progress({ processed: Math.min(list.length, i + BATCH), added, updated });
    }

    return await actor.db(async (tx) => {
      const deactivated = await retireGone(tx, actor, type, list.map((n) => n.phone), skipped, facts.sets);
      const row = await tx.one<SyncRow>(
        `update public.phone_number_syncs set status = 'succeeded', deactivated = $2, finished_at = now() where id = $1
         returning id, source, status, listed, processed, added, updated, deactivated, error, started_at, finished_at`,
        [syncId, deactivated],
      );
      await writeAudit(tx, actor.audit, {
        action: 'phone_numbers.synced',
        orgId: actor.orgId,
        integrationType: type,
        targetType: 'integration',
        targetId: type,
        metadata: { listed: list.length, added, updated, deactivated, skipped_invalid: skipped.length },
      });
      return toSync(row!);
    });
  } catch (error) {
    const message = error instanceof ProbeFailure ? `${error.message} ${error.hint}` : 'The sync stopped unexpectedly. Try again.';
    if (!(error instanceof ProbeFailure)) logger.error({ source: type, err: error instanceof Error ? error.message : typeof error }, 'phone number sync failed');
    // Recorded on the elevated path: the run must not stay "running" because, say, the admin was
    // demoted meanwhile and can no longer write it.
    await withElevated('phone-numbers.sync', async (tx) => {
      await tx.query(`update public.phone_number_syncs set status = 'failed', error = $2, finished_at = now() where id = $1`, [syncId, message.slice(0, 300)]);
      await writeAudit(tx, actor.audit, {
        action: 'phone_numbers.synced',
        orgId: actor.orgId,
        outcome: 'failure',
        integrationType: type,
        targetType: 'integration',
        targetId: type,
        metadata: { result: error instanceof ProbeFailure ? error.code : 'error' },
      });
    }).catch((recordError: unknown) => logger.error({ source: type, err: recordError instanceof Error ? recordError.message : String(recordError) }, 'could not record a failed sync'));
    throw new AppError(502, 'sync_failed', `The ${provider.name} number list could not be read: ${message}`);
  }
}
