import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import type { Tx } from '@/lib/db/rls';
import { recordUnassignment } from './history';
import { numberEvent } from './numbers';

// Brings an organization's stored numbers in line with one source's list, for a sync run.

/** The capabilities a source is the authority on (see syncFactsFor). */
export interface Authority {
  call: boolean;
  sms: boolean;
  whatsapp: boolean;
}

/** One listed number, in E.164, ready to write. */
export interface Prepared {
  phone: string;
  externalId: string;
  displayName: string | null;
  type: string | null;
  canCall: boolean;
  canSms: boolean;
  canWhatsapp: boolean;
}

/** Adds and updates one batch of a source's list ($11-$13: the capabilities it is the authority on). */
const WRITE_BATCH = `with input as (
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
   select count(*) filter (where inserted)::int as added, count(*) filter (where not inserted)::int as updated from written`;

export function writeBatch(tx: Tx, actor: Actor, type: string, integrationId: string | null, batch: Prepared[], own: Authority) {
  return tx.one<{ added: number; updated: number }>(WRITE_BATCH, [
    actor.orgId, type, batch.map((n) => n.phone), batch.map((n) => n.externalId), batch.map((n) => n.displayName), batch.map((n) => n.type),
    batch.map((n) => n.canCall), batch.map((n) => n.canSms), batch.map((n) => n.canWhatsapp), integrationId, own.call, own.sms, own.whatsapp,
  ]);
}

/**
 * Numbers this source holds but no longer lists become inactive and lose their assignee and the
 * primary flag (with history and audit), but are never deleted. Returns how many.
 */
export async function retireGone(tx: Tx, actor: Actor, type: string, listed: string[], skipped: string[], own: Authority): Promise<number> {
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
      await recordUnassignment(tx, actor, {
        number,
        from: { userId: number.assigned_to_user_id, label: number.holder },
        reason: 'number_inactive',
        audit: { reason: 'number_inactive' },
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
  return gone.length;
}
