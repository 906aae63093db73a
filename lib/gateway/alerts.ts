import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db/rls';
import { listIntegrationsIn } from '@/lib/integrations/status';

// What the admins' banner says about sending: integrations whose credentials were refused (by a
// send or a test) and how many requests wait for them.

export interface ReconnectAlert {
  type: string;
  name: string;
  group: string;
  held: number;
}

const DEAD = new Set(['bad_credentials', 'token_expired']);

export async function reconnectAlerts(actor: Actor): Promise<ReconnectAlert[]> {
  if (actor.role !== 'admin') return [];
  return actor.db((tx) => reconnectAlertsIn(tx, actor));
}

/** The same alerts, read in a transaction the caller opened as the actor (an admin). */
export async function reconnectAlertsIn(tx: Tx, actor: Actor): Promise<ReconnectAlert[]> {
  if (actor.role !== 'admin') return [];
  const integrations = await listIntegrationsIn(tx, actor);
  const held = await tx.query<{ integration_type: string; n: number }>(
    `select integration_type, count(*)::int as n from public.outbound_requests
      where organization_id = $1 and status = 'held' group by integration_type`,
    [actor.orgId],
  );
  const waiting = new Map(held.map((h) => [h.integration_type, h.n]));
  return integrations
    .filter((i) => (i.state === 'failing' && DEAD.has(i.lastTest?.code ?? '')) || (waiting.get(i.type) ?? 0) > 0)
    .map((i) => ({ type: i.type, name: i.name, group: i.group, held: waiting.get(i.type) ?? 0 }));
}
