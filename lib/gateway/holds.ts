import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit, type AuditActor } from '@/lib/audit/write';
import type { Tx } from '@/lib/db/rls';
import { forbidden } from '@/lib/http/errors';
import { scheduleSend } from './tasks';

// Requests held because an integration's credentials died wait for an admin: saving credentials that
// pass their test releases them (each is sent once), or the admin discards them.

/** Queues every held request of the integration again; run in the transaction that verified it. */
export async function releaseHeld(tx: Tx, actor: AuditActor, orgId: string, type: string): Promise<number> {
  const released = await tx.query<{ id: string }>(
    `update public.outbound_requests set status = 'queued', error_code = null, error_message = null, updated_at = now()
      where organization_id = $1 and integration_type = $2 and status = 'held' returning id`,
    [orgId, type],
  );
  for (const { id } of released) await scheduleSend(tx, id, 0);
  if (released.length > 0) {
    await writeAudit(tx, actor, {
      action: 'gateway.released',
      orgId,
      integrationType: type,
      targetType: 'integration',
      targetId: type,
      metadata: { requests: released.length },
    });
  }
  return released.length;
}

/** Admins give up on the held requests of an integration: they end as canceled, their messages erased. */
export async function discardHeld(actor: Actor, type: string): Promise<number> {
  if (actor.role !== 'admin') throw forbidden('Only admins can discard held messages.');
  return actor.db(async (tx) => {
    const count = await tx.one<{ n: number }>(`select app_private.discard_held_requests($1) as n`, [type]);
    const n = count?.n ?? 0;
    if (n > 0) {
      await writeAudit(tx, actor.audit, { action: 'gateway.discarded', orgId: actor.orgId, integrationType: type, targetType: 'integration', targetId: type, metadata: { requests: n } });
    }
    return n;
  });
}
