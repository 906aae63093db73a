import 'server-only';
import { withElevated, type Tx } from '@/lib/db/rls';
import { createProbeContext } from '@/lib/integrations/probe';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { cleanEvent, type InboundEvent, type RequestRef } from './define';
import { tellObjectChange, tellRequestChange, type AppliedRequest } from './events-out';
import { webhookCredentials } from './receivers';

// Applies a verified delivery's events, run by the job runner. A status only ever moves forward
// (sent → delivered → read; a call to completed; failed only after sent), so callbacks that repeat or
// arrive out of order change nothing. An event about a request the runner is still sending waits: the
// job fails and graphile-worker retries it with backoff, after the send has been recorded.

/** Thrown when a request is not sent yet: the whole delivery is applied again later. */
export class NotYetSent extends Error {
  constructor() {
    super('a callback arrived before its request was recorded as sent');
    this.name = 'NotYetSent';
  }
}

const rank: Record<string, number> = { queued: 0, sending: 0, held: 0, sent: 1, delivered: 2, read: 3, completed: 3 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Target extends AppliedRequest {
  status: string;
}

/**
 * The request an event is about, locked. It must belong to this organization and integration; when
 * both sides know the provider's id they must agree; without a signature (Exotel) the event must name
 * the provider's id the portal recorded for that very request, so only messages it sent can be touched.
 */
async function target(tx: Tx, orgId: string, type: string, ref: RequestRef, signed: boolean): Promise<Target | undefined> {
  const byId = ref.requestId && UUID.test(ref.requestId) ? ref.requestId : null;
  if (!byId && !ref.providerMessageId) return undefined;
  const row = await tx.one<Target>(
    `select id, status, channel, provider_message_id from public.outbound_requests
      where organization_id = $1 and integration_type = $2 and ${byId ? 'id = $3' : 'provider_message_id = $3'}
      order by created_at desc limit 1 for update`,
    [orgId, type, byId ?? ref.providerMessageId],
  );
  if (!row) return undefined;
  if (!signed && (!ref.providerMessageId || row.provider_message_id !== ref.providerMessageId)) return undefined;
  if (ref.providerMessageId && row.provider_message_id && row.provider_message_id !== ref.providerMessageId) return undefined;
  return row;
}

type Applied = 'changed' | 'unchanged' | 'unknown';

async function applyToRequest(tx: Tx, orgId: string, type: string, event: Extract<InboundEvent, { kind: 'message' | 'call' }>, signed: boolean): Promise<Applied> {
  const row = await target(tx, orgId, type, event, signed);
  if (!row) return 'unknown';
  if (row.status === 'canceled') return 'unchanged';
  if (row.status === 'queued' || row.status === 'sending') throw new NotYetSent();
  const next = event.status;
  const current = rank[row.status];
  // A failure counts only while nothing better has been heard; anything else only moves forward.
  const moves = next === 'failed' ? row.status === 'sent' : current !== undefined && (rank[next] ?? 0) > current;
  if (!moves) return 'unchanged';
  const failed = next === 'failed';
  await tx.query(
    `update public.outbound_requests
        set status = $2, updated_at = now(),
            provider_message_id = coalesce(provider_message_id, $3),
            delivered_at = case when $2 in ('delivered', 'read') then coalesce(delivered_at, $4::timestamptz) else delivered_at end,
            read_at = case when $2 = 'read' then coalesce(read_at, $4::timestamptz) else read_at end,
            completed_at = case when $2 in ('completed', 'failed') then coalesce(completed_at, $4::timestamptz) else completed_at end,
            call_duration_seconds = coalesce($5, call_duration_seconds),
            error_code = case when $6 then $7 else error_code end,
            error_message = case when $6 then $8 else error_message end
      where id = $1`,
    [
      row.id,
      next,
      event.providerMessageId ?? null,
      event.at,
      event.kind === 'call' ? (event.durationSeconds ?? null) : null,
      failed,
      failed ? (event.kind === 'message' ? (event.errorCode ?? 'provider_failed') : 'call_failed').slice(0, 60) : null,
      failed ? (event.reason ?? 'The provider reported it as failed.').slice(0, 300) : null,
    ],
  );
  await tellRequestChange(tx, orgId, type, row, event);
  return 'changed';
}

const SUCCEEDED = new Set(['succeeded', 'completed']);
/** Ends for good. A Stripe intent whose card was declined ("failed") may still be paid with another. */
const FAILED = new Set(['denied', 'canceled', 'declined', 'expired']);

/**
 * The operation that created the object (found by the id the portal gave the provider, else by the
 * provider's id) takes the provider's latest word; a payment or signing still awaiting its outcome
 * ends as completed or failed. Refunds and later news change only the object's status. An event
 * about a call the portal is still making waits for it, as a message's callbacks do.
 */
async function settleOperation(tx: Tx, orgId: string, type: string, event: Extract<InboundEvent, { kind: 'payment' | 'signing' | 'meeting' }>): Promise<void> {
  const ref = 'ref' in event && event.ref && UUID.test(event.ref) ? event.ref : null;
  const row = await tx.one<{ id: string; status: string }>(
    `select id, status from public.outbound_requests
      where organization_id = $1 and integration_type = $2 and kind = 'operation'
        and (id = $3::uuid or provider_message_id = $4 or details ->> 'capture_id' = $4)
      order by (id = $3::uuid) desc nulls last, created_at limit 1 for update`,
    [orgId, type, ref, event.objectId],
  );
  if (!row) return;
  if (row.status === 'sending') throw new NotYetSent();
  const next = row.status === 'sent' ? (SUCCEEDED.has(event.status) ? 'completed' : FAILED.has(event.status) ? 'failed' : null) : null;
  await tx.query(
    `update public.outbound_requests
        set object_status = left($2, 60), updated_at = now(), provider_message_id = coalesce(provider_message_id, $3),
            status = coalesce($4, status),
            completed_at = case when $4::text is not null then $5::timestamptz else completed_at end,
            error_code = case when $4 = 'failed' then $6 else error_code end,
            error_message = case when $4 = 'failed' then left($7, 300) else error_message end
      where id = $1`,
    [row.id, event.status, event.objectId.slice(0, 200), next, event.at, `${event.kind}_${event.status}`.slice(0, 60), 'reason' in event ? (event.reason ?? null) : null],
  );
}

async function applyEvent(tx: Tx, orgId: string, type: string, event: InboundEvent, signed: boolean): Promise<Applied> {
  switch (event.kind) {
    case 'message':
    case 'call':
      return applyToRequest(tx, orgId, type, event, signed);
    case 'payment':
    case 'signing':
    case 'meeting': {
      // The newest report wins; an older one arriving late changes nothing.
      const result = await tx.query(
        `insert into public.provider_objects (organization_id, integration_type, object_kind, object_id, status, last_event, ref, reason, event_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (organization_id, integration_type, object_kind, object_id) do update
           set status = excluded.status, last_event = excluded.last_event, ref = coalesce(excluded.ref, provider_objects.ref),
               reason = excluded.reason, event_at = excluded.event_at, updated_at = now()
         where provider_objects.event_at <= excluded.event_at
         returning 1 as applied`,
        [
          orgId,
          type,
          event.kind,
          event.objectId.slice(0, 200),
          event.status.slice(0, 60),
          (event.kind === 'signing' ? event.event : event.status).slice(0, 100),
          'ref' in event ? (event.ref?.slice(0, 200) ?? null) : null,
          'reason' in event ? (event.reason?.slice(0, 300) ?? null) : null,
          event.at,
        ],
      );
      if (result.length === 0) return 'unchanged';
      await settleOperation(tx, orgId, type, event);
      if (event.kind !== 'meeting') await tellObjectChange(tx, orgId, type, event);
      return 'changed';
    }
    case 'account':
      await tx.query(
        `insert into public.integration_account_events (organization_id, integration_type, topic, summary, occurred_at) values ($1, $2, $3, $4, $5)`,
        [orgId, type, event.topic.slice(0, 60), event.summary.slice(0, 300), event.at],
      );
      return 'changed';
  }
}

interface Queued {
  organization_id: string;
  integration_type: string;
  events: InboundEvent[] | null;
}

/** Confirms unsigned events with the provider before anything changes (Exotel). */
async function confirmed(delivery: Queued): Promise<{ events: InboundEvent[]; signed: boolean }> {
  const provider = findServerProvider(delivery.integration_type);
  const events = delivery.events ?? [];
  const spec = provider?.webhook;
  if (!provider || !spec) return { events: [], signed: false };
  const signed = spec.secretFields.length > 0;
  if (!spec.confirm) return { events, signed };
  const credentials = await withElevated('webhooks.receive', (tx) => webhookCredentials(tx, delivery.organization_id, provider));
  if (!credentials) return { events: [], signed };
  const probe = createProbeContext(10_000);
  try {
    const checked: InboundEvent[] = [];
    for (const event of events) {
      const confirmedEvent = await spec.confirm(event, credentials, { request: probe.request, baseUrl: probe.baseUrl, now: () => new Date() });
      if (confirmedEvent) checked.push(cleanEvent(confirmedEvent));
    }
    return { events: checked, signed };
  } finally {
    probe.dispose();
  }
}

export async function applyDelivery(deliveryId: string): Promise<void> {
  const queued = await withElevated('webhooks.receive', (tx) =>
    tx.one<Queued>(`select organization_id, integration_type, events from public.webhook_deliveries_in where id = $1 and outcome = 'queued'`, [deliveryId]),
  );
  if (!queued) return;
  const { events, signed } = await confirmed(queued);
  await withElevated('webhooks.receive', async (tx) => {
    const still = await tx.one(`select 1 from public.webhook_deliveries_in where id = $1 and outcome = 'queued' for update`, [deliveryId]);
    if (!still) return;
    const counts = { changed: 0, unchanged: 0, unknown: 0 };
    for (const event of events) counts[await applyEvent(tx, queued.organization_id, queued.integration_type, event, signed)] += 1;
    const dropped = (queued.events?.length ?? 0) - events.length;
    const parts = [
      counts.changed ? `${counts.changed} updated` : null,
      counts.unchanged ? `${counts.unchanged} already known or older` : null,
      counts.unknown ? `${counts.unknown} about nothing the portal sent` : null,
      dropped ? `${dropped} not confirmed by the provider` : null,
    ].filter(Boolean);
    await tx.query(
      `update public.webhook_deliveries_in set outcome = 'applied', events = null, applied_at = now(), detail = $2 where id = $1`,
      [deliveryId, parts.length ? `${parts.join(', ')}.`.replace(/^./, (c) => c.toUpperCase()) : 'Nothing to change.'],
    );
  });
}
