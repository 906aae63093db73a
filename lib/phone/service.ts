import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { withElevated, type Tx } from '@/lib/db/rls';
import { AppError, forbidden, notFound } from '@/lib/http/errors';
import { ProbeFailure, type SyncedNumber } from '@/lib/integrations/define.server';
import { createProbeContext } from '@/lib/integrations/probe';
import { credentialsForSync } from '@/lib/integrations/sync-credentials';
import { logger } from '@/lib/log';
import { assignNumberSchema, primaryNumberSchema, type NumberFilters } from '@/lib/validations/phone-numbers';
import { normalizePhone } from './normalize';

export interface PhoneNumber {
  id: string;
  phone_number: string;
  display_name: string | null;
  number_type: string | null;
  source: string;
  assigned_to_user_id: string | null;
  assignee: { name: string; email: string } | null;
  is_primary: boolean;
  can_call: boolean;
  can_sms: boolean;
  can_whatsapp: boolean;
  is_active: boolean;
  synced_at: string | null;
  version: number;
}

type NumberRow = Omit<PhoneNumber, 'assignee' | 'synced_at'> & { assignee_name: string | null; assignee_email: string | null; synced_at: Date | null };

const COLUMNS = `n.id, n.phone_number, n.display_name, n.number_type, n.source, n.assigned_to_user_id, u.name as assignee_name,
  u.email as assignee_email, n.is_primary, n.can_call, n.can_sms, n.can_whatsapp, n.is_active, n.synced_at, n.version`;

const toNumber = (r: NumberRow): PhoneNumber => ({
  id: r.id,
  phone_number: r.phone_number,
  display_name: r.display_name,
  number_type: r.number_type,
  source: r.source,
  assigned_to_user_id: r.assigned_to_user_id,
  assignee: r.assignee_name && r.assignee_email ? { name: r.assignee_name, email: r.assignee_email } : null,
  is_primary: r.is_primary,
  can_call: r.can_call,
  can_sms: r.can_sms,
  can_whatsapp: r.can_whatsapp,
  is_active: r.is_active,
  synced_at: r.synced_at?.toISOString() ?? null,
  version: r.version,
});

export const PAGE_SIZE = 50;
const isLead = (actor: Actor) => actor.role === 'admin' || actor.role === 'manager';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The organization's numbers (agents: the ones assigned to them, by RLS), filtered, active and
 * primary first, a page at a time; `all` returns every match (the API's seed shape).
 */
export async function listNumbers(actor: Actor, filters: NumberFilters, options: { all?: boolean } = {}): Promise<{ numbers: PhoneNumber[]; total: number; page: number }> {
  const page = filters.page ?? 1;
  // "011 4116 9368" and "+91 11 4116 9368" find the same number; otherwise digits as typed (less a trunk 0/00).
  const asNumber = filters.q ? normalizePhone(filters.q) : null;
  const digits = asNumber?.ok ? asNumber.e164.slice(1) : filters.q?.replace(/\D/g, '').replace(/^0+/, '') || null;
  const rows = await actor.db((tx) =>
    tx.query<NumberRow & { total: string }>(
      `select ${COLUMNS}, count(*) over () as total
         from public.organization_phone_numbers n
         left join public.users u on u.id = n.assigned_to_user_id
        where n.organization_id = $1
          and ($2::text is null or n.display_name ilike '%' || $2 || '%' or ($3::text is not null and n.phone_number like '%' || $3 || '%'))
          and (case $4::text
                 when 'assigned' then n.is_active and n.assigned_to_user_id is not null
                 when 'unassigned' then n.is_active and n.assigned_to_user_id is null
                 when 'inactive' then not n.is_active
                 else true end)
          and ($5::uuid is null or n.assigned_to_user_id = $5)
          and ($6::text is null or n.source = $6)
        order by n.is_primary desc, n.is_active desc, n.phone_number
        limit $7 offset $8`,
      [actor.orgId, filters.q ?? null, digits, filters.status ?? null, filters.assignee ?? null, filters.source ?? null,
        options.all ? 100_000 : PAGE_SIZE, options.all ? 0 : (page - 1) * PAGE_SIZE],
    ),
  );
  return { numbers: rows.map(toNumber), total: Number(rows[0]?.total ?? 0), page };
}

async function lockNumber(tx: Tx, actor: Actor, id: string) {
  if (!UUID.test(id)) throw notFound('The phone number');
  const row = await tx.one<{ id: string; phone_number: string; assigned_to_user_id: string | null; is_active: boolean; is_primary: boolean; version: number }>(
    `select id, phone_number, assigned_to_user_id, is_active, is_primary, version
       from public.organization_phone_numbers where id = $1 and organization_id = $2 for update`,
    [id, actor.orgId],
  );
  if (!row) throw notFound('The phone number');
  return row;
}

async function readNumber(tx: Tx, id: string): Promise<PhoneNumber> {
  const row = await tx.one<NumberRow>(
    `select ${COLUMNS} from public.organization_phone_numbers n left join public.users u on u.id = n.assigned_to_user_id where n.id = $1`,
    [id],
  );
  return toNumber(row!);
}

async function holderName(tx: Tx, userId: string | null): Promise<string> {
  if (!userId) return 'nobody';
  const user = await tx.one<{ name: string }>(`select name from public.users where id = $1`, [userId]);
  return user?.name ?? 'a former member';
}

const numberEvent = (actor: Actor, number: { id: string; phone_number: string }) => ({
  orgId: actor.orgId,
  targetType: 'phone_number',
  targetId: number.id,
  metadata: { number: number.phone_number },
});

/**
 * Assigns a number to a member (or unassigns it with `user_id: null`). The row is locked, so two
 * people assigning at once are served one after the other: the second is told who holds it now
 * instead of silently taking it over (reassigning needs the version the caller saw).
 */
export async function assignNumber(actor: Actor, id: string, raw: unknown): Promise<{ number: PhoneNumber; changed: boolean }> {
  if (!isLead(actor)) throw forbidden('Only team leads and admins assign numbers.');
  const input = assignNumberSchema.parse(raw);
  return actor.db(async (tx) => {
    const row = await lockNumber(tx, actor, id);
    const stale = input.expected_version !== undefined && input.expected_version !== row.version;
    if (stale) {
      throw new AppError(409, 'conflict', `Someone changed this number meanwhile: it is now assigned to ${await holderName(tx, row.assigned_to_user_id)}.`);
    }
    if (input.user_id === row.assigned_to_user_id) return { number: await readNumber(tx, id), changed: false };

    let member: { name: string; email: string } | undefined;
    if (input.user_id) {
      member = await tx.one<{ name: string; email: string }>(
        `select u.name, u.email from public.memberships m
           join public.users u on u.id = m.user_id
           join public.organizations o on o.id = m.org_id and o.status = 'active'
          where m.org_id = $1 and m.user_id = $2`,
        [actor.orgId, input.user_id],
      );
      if (!member) throw new AppError(422, 'validation_failed', 'That person is not a member of this organization.', { user_id: ['Choose a member of this organization.'] });
      if (!row.is_active) throw new AppError(422, 'validation_failed', `${row.phone_number} is no longer with the provider, so it cannot be assigned.`);
      if (row.assigned_to_user_id && input.expected_version === undefined) {
        throw new AppError(409, 'conflict', `${row.phone_number} is already assigned to ${await holderName(tx, row.assigned_to_user_id)}. Unassign it first, or reassign it from the list.`);
      }
    }

    await tx.query(`update public.organization_phone_numbers set assigned_to_user_id = $2, version = version + 1 where id = $1`, [id, input.user_id]);
    await tx.query(
      `insert into public.phone_number_assignments (organization_id, phone_number_id, user_id, previous_user_id, reason, actor_id, user_label, previous_user_label)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.orgId, id, input.user_id, row.assigned_to_user_id, input.user_id ? 'assigned' : 'unassigned', actor.userId,
        member?.name ?? null, row.assigned_to_user_id ? await holderName(tx, row.assigned_to_user_id) : null],
    );
    const event = numberEvent(actor, row);
    await writeAudit(tx, actor.audit, {
      ...event,
      action: input.user_id ? 'phone_number.assigned' : 'phone_number.unassigned',
      changedFields: ['assigned_to_user_id'],
      metadata: { ...event.metadata, ...(member ? { member: member.email } : {}), previous: row.assigned_to_user_id ? 'assigned' : 'unassigned' },
    });
    return { number: await readNumber(tx, id), changed: true };
  });
}

/**
 * Makes a number the organization's primary one (the database allows one per organization). The
 * last choice wins: choosing the primary never conflicts with an assignment (the version guards
 * assignments only).
 */
export async function setPrimaryNumber(actor: Actor, id: string, raw: unknown): Promise<{ number: PhoneNumber; changed: boolean }> {
  if (!isLead(actor)) throw forbidden('Only team leads and admins choose the primary number.');
  primaryNumberSchema.parse(raw ?? {});
  return actor.db(async (tx) => {
    // One primary change per organization at a time, so two cannot both clear and set.
    await tx.query(`select pg_advisory_xact_lock(hashtext('primary-number:' || $1::text))`, [actor.orgId]);
    const row = await lockNumber(tx, actor, id);
    if (row.is_primary) return { number: await readNumber(tx, id), changed: false };
    if (!row.is_active) throw new AppError(422, 'validation_failed', `${row.phone_number} is no longer with the provider, so it cannot be the primary number.`);
    const previous = await tx.one<{ phone_number: string }>(
      `update public.organization_phone_numbers set is_primary = false where organization_id = $1 and is_primary returning phone_number`,
      [actor.orgId],
    );
    await tx.query(`update public.organization_phone_numbers set is_primary = true where id = $1`, [id]);
    const event = numberEvent(actor, row);
    await writeAudit(tx, actor.audit, {
      ...event,
      action: 'phone_number.primary_changed',
      changedFields: ['is_primary'],
      metadata: { ...event.metadata, previous_primary: previous?.phone_number ?? null },
    });
    return { number: await readNumber(tx, id), changed: true };
  });
}

export interface AssignmentEvent {
  at: string;
  reason: string;
  to: string | null;
  from: string | null;
  by: string | null;
}

export async function numberHistory(actor: Actor, id: string): Promise<AssignmentEvent[]> {
  if (!isLead(actor)) throw forbidden();
  if (!UUID.test(id)) throw notFound('The phone number');
  const rows = await actor.db((tx) =>
    tx.query<{ created_at: Date; reason: string; to_name: string | null; from_name: string | null; by_name: string | null }>(
      `select a.created_at, a.reason, coalesce(t.name, a.user_label) as to_name, coalesce(f.name, a.previous_user_label) as from_name, b.name as by_name
         from public.phone_number_assignments a
         left join public.users t on t.id = a.user_id
         left join public.users f on f.id = a.previous_user_id
         left join public.users b on b.id = a.actor_id
        where a.phone_number_id = $1 and a.organization_id = $2
        order by a.id desc
        limit 100`,
      [id, actor.orgId],
    ),
  );
  return rows.map((r) => ({ at: r.created_at.toISOString(), reason: r.reason, to: r.to_name, from: r.from_name, by: r.by_name }));
}

// Sync -----------------------------------------------------------------------------------------------

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

type SyncRow = { id: string; source: string; status: SyncSummary['status']; listed: number; processed: number; added: number; updated: number; deactivated: number; error: string | null; started_at: Date; finished_at: Date | null };
const toSync = (r: SyncRow): SyncSummary => ({
  id: r.id,
  source: r.source,
  status: r.status,
  listed: r.listed,
  processed: r.processed,
  added: r.added,
  updated: r.updated,
  deactivated: r.deactivated,
  error: r.error,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

const BATCH = 500;
const syncTimeoutMs = () => Number(process.env.PROVIDER_SYNC_TIMEOUT_MS ?? 120_000);
/** A run still "running" this long after it started died with its process. */
const staleAfterSeconds = () => Math.ceil(syncTimeoutMs() / 1000) + 300;

/** The latest sync of each source (for the progress bar and "last synced"); a dead run reads as failed. */
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

function numberType(onlyType: string | undefined, upstream: string | null, libType: string | null): PhoneNumber['number_type'] {
  const t = (upstream ?? '').toLowerCase();
  if (t.includes('toll') || libType === 'TOLL_FREE') return 'toll-free';
  if (onlyType) return onlyType; // the provider has one kind of number (ExoPhones are virtual)
  if (t.includes('mobile') || libType === 'MOBILE') return 'mobile';
  if (t.includes('land') || t.includes('local') || libType === 'FIXED_LINE' || libType === 'FIXED_LINE_OR_MOBILE') return 'local';
  return null;
}

interface Prepared {
  phone: string;
  externalId: string;
  displayName: string | null;
  type: string | null;
  canCall: boolean;
  canSms: boolean;
  canWhatsapp: boolean;
}

/** Starts a sync run (one per organization and source at a time) and returns its id. */
export async function startSync(actor: Actor, type: string) {
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

export async function runSync(actor: Actor, type: string, started: Awaited<ReturnType<typeof startSync>>): Promise<SyncSummary> {
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

    const { defaultCountry: country, international, numberType: onlyType, sets: own } = provider.sync!;
    const prepared = new Map<string, Prepared>();
    // Entries that are not valid numbers are skipped, but still count as listed: never "gone".
    const skipped: string[] = [];
    for (const n of upstream) {
      // A provider that lists international numbers without their "+" still does not mean local ones.
      const raw = international && !n.phoneNumber.trim().startsWith('+') ? `+${n.phoneNumber}` : n.phoneNumber;
      const normalized = normalizePhone(raw, country);
      if (!normalized.ok) {
        skipped.push(n.externalId);
        continue;
      }
      prepared.set(normalized.e164, {
        phone: normalized.e164,
        externalId: n.externalId.slice(0, 100),
        displayName: n.displayName?.slice(0, 100) ?? null,
        type: numberType(onlyType, n.numberType, normalized.type),
        canCall: n.canCall,
        canSms: n.canSms,
        canWhatsapp: n.canWhatsapp ?? false,
      });
    }
    if (skipped.length > 0) logger.warn({ source: type, invalid: skipped.length }, 'sync skipped numbers that are not valid phone numbers');
    await progress({ listed: prepared.size });

    const list = [...prepared.values()];
    let added = 0;
    let updated = 0;
    for (let i = 0; i < list.length; i += BATCH) {
      const batch = list.slice(i, i + BATCH);
      const counts = await actor.db((tx) =>
        tx.one<{ added: number; updated: number }>(
          `with input as (
             select * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::bool[], $9::bool[])
               as t(phone_number, external_id, display_name, number_type, can_call, can_sms, can_whatsapp)
           ), written as (
             insert into public.organization_phone_numbers as n
               (organization_id, source, integration_id, external_id, phone_number, display_name, number_type, can_call, can_sms, can_whatsapp, is_active, synced_at)
             select $1, $2, $10, external_id, phone_number, display_name, number_type, can_call, can_sms, can_whatsapp, true, now() from input
             on conflict (organization_id, phone_number) do update
               -- A number another source holds (and still lists) keeps that source and its details;
               -- this source only sets the capabilities it is the authority on.
               set source = case when n.source = excluded.source or not n.is_active then excluded.source else n.source end,
                   integration_id = case when n.source = excluded.source or not n.is_active then excluded.integration_id else n.integration_id end,
                   external_id = case when n.source = excluded.source or not n.is_active then excluded.external_id else n.external_id end,
                   display_name = case when n.source = excluded.source or not n.is_active then excluded.display_name else coalesce(n.display_name, excluded.display_name) end,
                   number_type = case when n.source = excluded.source or not n.is_active then excluded.number_type else coalesce(n.number_type, excluded.number_type) end,
                   can_call = case when $11 then excluded.can_call else n.can_call end,
                   can_sms = case when $12 then excluded.can_sms else n.can_sms end,
                   can_whatsapp = case when $13 then excluded.can_whatsapp else n.can_whatsapp end,
                   is_active = true, synced_at = excluded.synced_at
               -- Unchanged numbers are not written again: a second sync changes nothing.
               where (n.source, n.integration_id, n.external_id, n.display_name, n.number_type, n.can_call, n.can_sms, n.can_whatsapp, n.is_active)
                 is distinct from (
                   case when n.source = excluded.source or not n.is_active then excluded.source else n.source end,
                   case when n.source = excluded.source or not n.is_active then excluded.integration_id else n.integration_id end,
                   case when n.source = excluded.source or not n.is_active then excluded.external_id else n.external_id end,
                   case when n.source = excluded.source or not n.is_active then excluded.display_name else coalesce(n.display_name, excluded.display_name) end,
                   case when n.source = excluded.source or not n.is_active then excluded.number_type else coalesce(n.number_type, excluded.number_type) end,
                   case when $11 then excluded.can_call else n.can_call end,
                   case when $12 then excluded.can_sms else n.can_sms end,
                   case when $13 then excluded.can_whatsapp else n.can_whatsapp end,
                   true)
             returning (xmax = 0) as inserted
           )
           select count(*) filter (where inserted)::int as added, count(*) filter (where not inserted)::int as updated from written`,
          [actor.orgId, type, batch.map((n) => n.phone), batch.map((n) => n.externalId), batch.map((n) => n.displayName), batch.map((n) => n.type),
            batch.map((n) => n.canCall), batch.map((n) => n.canSms), batch.map((n) => n.canWhatsapp), integrationId, own.call, own.sms, own.whatsapp],
        ),
      );
      added += counts?.added ?? 0;
      updated += counts?.updated ?? 0;
      await progress({ processed: Math.min(list.length, i + BATCH), added, updated });
    }

    const summary = await actor.db(async (tx) => {
      const listed = list.map((n) => n.phone);
      // Gone upstream: numbers this source holds become inactive, and lose their assignee and the
      // primary flag (with history and audit), but are never deleted.
      const gone = await tx.query<{ id: string; phone_number: string; assigned_to_user_id: string | null; holder: string | null; was_primary: boolean }>(
        `with gone as (
           select n.id, n.assigned_to_user_id, n.is_primary, u.name as holder from public.organization_phone_numbers n
             left join public.users u on u.id = n.assigned_to_user_id
            where n.organization_id = $1 and n.source = $2 and n.is_active
              -- Anti-joins on the lists (hashed), not = any() against thousands of values per row.
              and n.phone_number not in (select unnest($3::text[]))
              and (n.external_id is null or n.external_id not in (select unnest($4::text[])))
            for update of n
         )
         update public.organization_phone_numbers n
            set is_active = false, is_primary = false, assigned_to_user_id = null,
                version = n.version + case when gone.assigned_to_user_id is null then 0 else 1 end
           from gone where n.id = gone.id
         returning n.id, n.phone_number, gone.assigned_to_user_id, gone.holder, gone.is_primary as was_primary`,
        [actor.orgId, type, listed, skipped],
      );
      // Numbers another source holds lose only the capability this source is the authority on.
      if (own.whatsapp) {
        await tx.query(
          `update public.organization_phone_numbers set can_whatsapp = false
            where organization_id = $1 and source <> $2 and can_whatsapp and phone_number not in (select unnest($3::text[]))`,
          [actor.orgId, type, listed],
        );
      }
      for (const number of gone) {
        if (number.assigned_to_user_id) {
          await tx.query(
            `insert into public.phone_number_assignments (organization_id, phone_number_id, user_id, previous_user_id, reason, actor_id, previous_user_label)
             values ($1, $2, null, $3, 'number_inactive', $4, $5)`,
            [actor.orgId, number.id, number.assigned_to_user_id, actor.userId, number.holder],
          );
          await writeAudit(tx, actor.audit, {
            ...numberEvent(actor, number),
            action: 'phone_number.unassigned',
            changedFields: ['assigned_to_user_id'],
            metadata: { number: number.phone_number, reason: 'number_inactive' },
          });
        }
        if (number.was_primary) {
          await writeAudit(tx, actor.audit, {
            ...numberEvent(actor, number),
            action: 'phone_number.primary_changed',
            changedFields: ['is_primary'],
            metadata: { number: number.phone_number, reason: 'number_inactive', previous_primary: number.phone_number },
          });
        }
      }
      const row = await tx.one<SyncRow>(
        `update public.phone_number_syncs set status = 'succeeded', deactivated = $2, finished_at = now() where id = $1
         returning id, source, status, listed, processed, added, updated, deactivated, error, started_at, finished_at`,
        [syncId, gone.length],
      );
      await writeAudit(tx, actor.audit, {
        action: 'phone_numbers.synced',
        orgId: actor.orgId,
        integrationType: type,
        targetType: 'integration',
        targetId: type,
        metadata: { listed: list.length, added, updated, deactivated: gone.length, skipped_invalid: skipped.length },
      });
      return toSync(row!);
    });
    return summary;
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
