import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import type { Tx } from '@/lib/db/rls';
import { AppError, forbidden, notFound } from '@/lib/http/errors';
import type { AssignNumberInput, NumberFilters } from '@/lib/validations/phone-numbers';
import { isLead, isNumberId } from './access';
import { recordUnassignment } from './history';
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

/** The audit event's common part for a change to one number. */
export const numberEvent = (actor: Actor, number: { id: string; phone_number: string }) => ({
  orgId: actor.orgId,
  targetType: 'phone_number' as const,
  targetId: number.id,
  metadata: { number: number.phone_number },
});

export const PAGE_SIZE = 50;

/**
 * The organization's numbers, filtered, active and primary first, a page at a time; `all` returns
 * every match (the API's seed shape). Every member may list: agents get the ones assigned to them,
 * which RLS decides.
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
  if (!isNumberId(id)) throw notFound('The phone number');
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

/**
 * Assigns a number to a member (or unassigns it with `user_id: null`). The row is locked, so two
 * people assigning at once are served one after the other: the second is told who holds it now
 * instead of silently taking it over (reassigning needs the version the caller saw).
 */
export async function assignNumber(actor: Actor, id: string, input: AssignNumberInput): Promise<{ number: PhoneNumber; changed: boolean }> {
  if (!isLead(actor)) throw forbidden('Only team leads and admins assign numbers.');
  return actor.db(async (tx) => {
    const row = await lockNumber(tx, actor, id);
    const stale = input.expected_version !== undefined && input.expected_version !== row.version;
    if (stale) {
      throw new AppError(409, 'conflict', `Someone changed this number meanwhile: it is now assigned to ${await holderName(tx, row.assigned_to_user_id)}.`);
    }
    if (input.user_id === row.assigned_to_user_id) return { number: await readNumber(tx, id), changed: false };

    if (!input.user_id) {
      // Not the holder (checked above), so someone holds it.
      const previous = row.assigned_to_user_id!;
      const label = await holderName(tx, previous);
      await tx.query(`update public.organization_phone_numbers set assigned_to_user_id = null, version = version + 1 where id = $1`, [id]);
      await recordUnassignment(tx, actor, { number: row, from: { userId: previous, label }, reason: 'unassigned', audit: { previous: 'assigned' } });
      return { number: await readNumber(tx, id), changed: true };
    }

    const member = await tx.one<{ name: string; email: string }>(
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

    await tx.query(`update public.organization_phone_numbers set assigned_to_user_id = $2, version = version + 1 where id = $1`, [id, input.user_id]);
    await tx.query(
      `insert into public.phone_number_assignments (organization_id, phone_number_id, user_id, previous_user_id, reason, actor_id, user_label, previous_user_label)
       values ($1, $2, $3, $4, 'assigned', $5, $6, $7)`,
      [actor.orgId, id, input.user_id, row.assigned_to_user_id, actor.userId, member.name, row.assigned_to_user_id ? await holderName(tx, row.assigned_to_user_id) : null],
    );
    const event = numberEvent(actor, row);
    await writeAudit(tx, actor.audit, {
      ...event,
      action: 'phone_number.assigned',
      changedFields: ['assigned_to_user_id'],
      metadata: { ...event.metadata, member: member.email, previous: row.assigned_to_user_id ? 'assigned' : 'unassigned' },
    });
    return { number: await readNumber(tx, id), changed: true };
  });
}

/**
 * Makes a number the organization's primary one (the database allows one per organization). The
 * last choice wins: choosing the primary never conflicts with an assignment (the version guards
 * assignments only), so callers' `expected_version` is not consulted.
 */
export async function setPrimaryNumber(actor: Actor, id: string): Promise<{ number: PhoneNumber; changed: boolean }> {
  if (!isLead(actor)) throw forbidden('Only team leads and admins choose the primary number.');
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
