import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit, type AuditMetadata } from '@/lib/audit/write';
import type { Tx } from '@/lib/db/rls';
import { forbidden, notFound } from '@/lib/http/errors';
import { isLead, isNumberId } from './access';

export interface AssignmentEvent {
  at: string;
  reason: string;
  to: string | null;
  from: string | null;
  by: string | null;
}

/** Who held a number, newest first. Names come from the history row once a person has left. */
export async function numberHistory(actor: Actor, id: string): Promise<AssignmentEvent[]> {
  if (!isLead(actor)) throw forbidden();
  if (!isNumberId(id)) throw notFound('The phone number');
  const rows = await actor.db(async (tx) => {
    // Another organization's number (or none) is not found, rather than an empty history.
    const number = await tx.one(`select 1 from public.organization_phone_numbers where id = $1 and organization_id = $2`, [id, actor.orgId]);
    if (!number) throw notFound('The phone number');
    return tx.query<{ created_at: Date; reason: string; to_name: string | null; from_name: string | null; by_name: string | null }>(
      `select a.created_at, a.reason, coalesce(t.name, a.user_label) as to_name, coalesce(f.name, a.previous_user_label) as from_name, b.name as by_name
         from public.phone_number_assignments a
         left join public.users t on t.id = a.user_id
         left join public.users f on f.id = a.previous_user_id
         left join public.users b on b.id = a.actor_id
        where a.phone_number_id = $1 and a.organization_id = $2
        order by a.id desc
        limit 100`,
      [id, actor.orgId],
    );
  });
  return rows.map((r) => ({ at: r.created_at.toISOString(), reason: r.reason, to: r.to_name, from: r.from_name, by: r.by_name }));
}

export interface Unassignment {
  number: { id: string; phone_number: string };
  /**
   * Who held it, with their name as it reads now: once they leave the organization their user row
   * is no longer readable, and the label is what keeps the history readable.
   */
  from: { userId: string; label: string | null };
  reason: 'unassigned' | 'member_removed' | 'number_inactive';
  /** What the audit row adds to the number (why it happened, whose membership ended). */
  audit: AuditMetadata;
}

/**
 * Records that a number lost its holder: the history row and the audit row, in the caller's
 * transaction (which has already cleared the assignee). Every way a number is unassigned (by hand,
 * by a sync finding it gone, by its holder's removal) writes both through here.
 */
export async function recordUnassignment(tx: Tx, actor: Pick<Actor, 'orgId' | 'userId' | 'audit'>, event: Unassignment): Promise<void> {
  await tx.query(
    `insert into public.phone_number_assignments (organization_id, phone_number_id, user_id, previous_user_id, reason, actor_id, previous_user_label)
     values ($1, $2, null, $3, $4, $5, $6)`,
    [actor.orgId, event.number.id, event.from.userId, event.reason, actor.userId, event.from.label],
  );
  await writeAudit(tx, actor.audit, {
    action: 'phone_number.unassigned',
    orgId: actor.orgId,
    targetType: 'phone_number',
    targetId: event.number.id,
    changedFields: ['assigned_to_user_id'],
    metadata: { number: event.number.phone_number, ...event.audit },
  });
}
