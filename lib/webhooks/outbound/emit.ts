import 'server-only';
import type { Tx } from '@/lib/db/rls';
import type { OutboundEventType } from './events';

// Emitting an event: stored once, with one delivery per enabled endpoint of the organization that
// subscribes to its type (a family's wildcard included), and each delivery's job queued, all in the
// caller's elevated transaction, so an event exists exactly when the change it reports committed.

/** Values a payload may carry: what JSON can say. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

export async function emitEvent(tx: Tx, orgId: string, type: OutboundEventType, data: Record<string, unknown>): Promise<void> {
  await emitTo(tx, orgId, type, data as Record<string, Json>, null);
}

/**
 * The same, to one endpoint whatever it subscribes to (a test event), or to every subscriber.
 * Answers the deliveries it queued.
 */
export async function emitTo(tx: Tx, orgId: string, type: string, data: Record<string, Json | undefined>, endpointId: string | null): Promise<{ id: string; endpoint_id: string }[]> {
  // One round trip: the event, its deliveries and their jobs (the function spells the task as the runner does).
  return tx.query<{ id: string; endpoint_id: string }>(
    `with endpoints as (
       select id from public.webhook_endpoints
        where organization_id = $1
          and (case when $4::uuid is null
                    then enabled and ($2 = any(event_types) or split_part($2, '.', 1) || '.*' = any(event_types))
                    else id = $4::uuid end)
     ),
     event as (
       insert into public.webhook_events (organization_id, type, data)
       select $1, $2, $3::jsonb where exists (select 1 from endpoints)
       returning id
     ),
     deliveries as (
       insert into public.webhook_deliveries (organization_id, endpoint_id, event_id, event_type)
       select $1, e.id, event.id, $2 from endpoints e cross join event
       returning id, endpoint_id
     )
     select d.id, d.endpoint_id, app_private.schedule_webhook_delivery(d.id, d.endpoint_id, 0) from deliveries d`,
    [orgId, type, JSON.stringify(data), endpointId],
  );
}
