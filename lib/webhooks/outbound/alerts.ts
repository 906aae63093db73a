import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db/rls';

// What the admins' banner says about webhooks: endpoints the portal turned off itself (410 Gone, or a
// long run of failures). One an admin turned off is not news to them.

export interface DisabledEndpointAlert {
  id: string;
  url: string;
  reason: 'gone' | 'failing';
}

export async function disabledEndpointAlerts(actor: Actor): Promise<DisabledEndpointAlert[]> {
  if (actor.role !== 'admin') return [];
  return actor.db((tx) => disabledEndpointAlertsIn(tx, actor.orgId));
}

/** The same alerts, read in a transaction the caller opened as an admin of the organization. */
export function disabledEndpointAlertsIn(tx: Tx, orgId: string): Promise<DisabledEndpointAlert[]> {
  return tx.query<DisabledEndpointAlert>(
    `select id, url, disabled_reason as reason from public.webhook_endpoints
      where organization_id = $1 and not enabled and disabled_reason in ('gone', 'failing') order by disabled_at desc limit 5`,
    [orgId],
  );
}
