import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { withElevated } from '@/lib/db/rls';
import { conflict, notFound } from '@/lib/http/errors';
import type { DeliveryStatus } from './events';
import { emitTo } from './emit';
import { loadEndpoint, requireAdmin } from './endpoints';

// An endpoint's delivery log, and what admins do with it: ask for a delivery again, or send a test event.

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  httpStatus: number | null;
  latencyMs: number | null;
  ok: boolean;
  error: string | null;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  redeliveryOf: string | null;
  attempts: DeliveryAttempt[];
}

interface Row {
  id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  last_http_status: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  redelivery_of: string | null;
  attempts: { attempt: number; started_at: string; http_status: number | null; latency_ms: number | null; ok: boolean; error: string | null }[];
}

/** The newest deliveries of one endpoint (100), each with its attempts. */
export async function listDeliveries(actor: Actor, endpointId: string): Promise<Delivery[]> {
  requireAdmin(actor);
  const rows = await actor.db(async (tx) => {
    await loadEndpoint(tx, actor, endpointId);
    return tx.query<Row>(
      `select d.id, d.event_id, d.event_type, d.status, d.attempt_count, d.last_http_status, d.last_latency_ms, d.last_error,
              d.created_at, d.last_attempt_at, d.next_attempt_at, d.redelivery_of,
              coalesce((select json_agg(json_build_object('attempt', a.attempt, 'started_at', a.started_at, 'http_status', a.http_status,
                                 'latency_ms', a.latency_ms, 'ok', a.ok, 'error', a.error) order by a.attempt)
                          from public.webhook_attempts a where a.delivery_id = d.id), '[]') as attempts
         from public.webhook_deliveries d
        where d.organization_id = $1 and d.endpoint_id = $2
        order by d.created_at desc, d.id desc limit 100`,
      [actor.orgId, endpointId],
    );
  });
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attemptCount: r.attempt_count,
    httpStatus: r.last_http_status,
    latencyMs: r.last_latency_ms,
    error: r.last_error,
    createdAt: r.created_at.toISOString(),
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
    redeliveryOf: r.redelivery_of,
    attempts: r.attempts.map((a) => ({ attempt: a.attempt, at: new Date(a.started_at).toISOString(), httpStatus: a.http_status, latencyMs: a.latency_ms, ok: a.ok, error: a.error })),
  }));
}

/**
 * Sends a delivery's event to its endpoint again, as a new delivery with the same `webhook-id` (so a
 * receiver that already handled it can tell). The endpoint must be enabled.
 */
export async function redeliver(actor: Actor, endpointId: string, deliveryId: string): Promise<{ id: string }> {
  requireAdmin(actor);
  const endpoint = await getEnabled(actor, endpointId);
  return withElevated('webhooks.outbound', async (tx) => {
    const row = await tx.one<{ id: string }>(
      `with original as (
         select id, event_id, event_type from public.webhook_deliveries where organization_id = $1 and endpoint_id = $2 and id = $3
       ), copy as (
         insert into public.webhook_deliveries (organization_id, endpoint_id, event_id, event_type, redelivery_of)
         select $1, $2, event_id, event_type, id from original returning id
       )
       select id, app_private.schedule_webhook_delivery(id, $2, 0) from copy`,
      [actor.orgId, endpoint.id, deliveryId],
    );
    if (!row) throw notFound('The delivery');
    await writeAudit(tx, actor.audit, {
      action: 'webhook_delivery.redelivered',
      orgId: actor.orgId,
      targetType: 'webhook_delivery',
      targetId: row.id,
      metadata: { endpoint: endpoint.id, original: deliveryId },
    });
    return { id: row.id };
  });
}

/** Queues a `webhook.test` event to this endpoint alone, whatever it subscribes to. */
export async function sendTestEvent(actor: Actor, endpointId: string): Promise<{ id: string }> {
  requireAdmin(actor);
  const endpoint = await getEnabled(actor, endpointId);
  return withElevated('webhooks.outbound', async (tx) => {
    const [queued] = await emitTo(tx, actor.orgId, 'webhook.test', { message: 'A test event from Switchboard.', endpoint: endpoint.id }, endpoint.id);
    if (!queued) throw notFound('The webhook endpoint');
    await writeAudit(tx, actor.audit, { action: 'webhook_endpoint.tested', orgId: actor.orgId, targetType: 'webhook_endpoint', targetId: endpoint.id, metadata: { delivery: queued.id } });
    return { id: queued.id };
  });
}

async function getEnabled(actor: Actor, endpointId: string) {
  const endpoint = await actor.db((tx) => loadEndpoint(tx, actor, endpointId));
  if (!endpoint.enabled) throw conflict('The endpoint is disabled. Enable it first.');
  return endpoint;
}
