import 'server-only';
import { writeAudit } from '@/lib/audit/write';
import { withElevated, type Tx } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import { disableRule, nextRetrySeconds } from './schedule';
import { openSecret } from './secret';
import { sendSigned, type SendOutcome } from './send';

// One attempt of one delivery, run by the job runner. The delivery is claimed (its attempt counted),
// posted, and its outcome recorded with the attempt in one transaction, where what comes next is
// decided: done, retry on the schedule, or give up, and whether the endpoint is turned off (410 Gone,
// or a long enough run of failures).

interface Claimed {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  data: unknown;
  event_created_at: Date;
  url: string;
  enabled: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_live: boolean;
}

const claim = (deliveryId: string) =>
  withElevated('webhooks.outbound', (tx) =>
    tx.one<Claimed>(
      `with claimed as (
         update public.webhook_deliveries set attempt_count = attempt_count + 1, updated_at = now(), next_attempt_at = null
          where id = $1 and status in ('pending', 'retrying')
          returning id, organization_id, endpoint_id, event_id, event_type, attempt_count)
       select c.*, ev.data, ev.created_at as event_created_at, e.url, e.enabled, e.secret_sealed, e.previous_secret_sealed,
              coalesce(e.previous_secret_expires_at > now(), false) as previous_live
         from claimed c join public.webhook_endpoints e on e.id = c.endpoint_id join public.webhook_events ev on ev.id = c.event_id`,
      [deliveryId],
    ),
  );

const SYSTEM = { type: 'system', label: 'Webhooks' } as const;

async function finishDelivery(tx: Tx, d: Claimed, status: 'succeeded' | 'failed' | 'retrying', outcome: Pick<SendOutcome, 'latencyMs'> & { status: number | null; error: string | null }, nextSeconds: number | null): Promise<void> {
  await tx.query(
    `update public.webhook_deliveries
        set status = $2, last_attempt_at = now(), last_http_status = $3, last_latency_ms = $4, last_error = left($5, 300),
            next_attempt_at = case when $6::float8 is null then null else now() + make_interval(secs => $6::float8) end,
            completed_at = case when $2 in ('succeeded', 'failed') then now() else null end, updated_at = now()
      where id = $1 and attempt_count = $7`,
    [d.id, status, outcome.status, outcome.latencyMs, outcome.error, nextSeconds, d.attempt_count],
  );
  if (nextSeconds !== null) await tx.query(`select app_private.schedule_webhook_delivery($1, $2, $3)`, [d.id, d.endpoint_id, nextSeconds]);
}

/** Turns an endpoint off for a reason the system found, once (a second finder changes nothing). */
export async function disableEndpoint(tx: Tx, orgId: string, endpointId: string, reason: 'gone' | 'failing', metadata: Record<string, number | string>): Promise<boolean> {
  const row = await tx.one<{ id: string }>(
    `update public.webhook_endpoints set enabled = false, disabled_reason = $3, disabled_at = now(), updated_at = now()
      where id = $1 and organization_id = $2 and enabled returning id`,
    [endpointId, orgId, reason],
  );
  if (!row) return false;
  await writeAudit(tx, SYSTEM, {
    action: 'webhook_endpoint.disabled',
    orgId,
    outcome: 'failure',
    targetType: 'webhook_endpoint',
    targetId: endpointId,
    changedFields: ['enabled'],
    metadata: { reason, ...metadata },
  });
  return true;
}

/** Runs one attempt of a delivery; answers what became of it (for the log and the tests). */
export async function deliver(deliveryId: string): Promise<string> {
  const d = await claim(deliveryId);
  if (!d) return 'nothing_to_do';
  if (!d.enabled) {
    await withElevated('webhooks.outbound', (tx) => finishDelivery(tx, d, 'failed', { status: null, latencyMs: 0, error: 'The endpoint is disabled.' }, null));
    return 'endpoint_disabled';
  }
  const current = openSecret(d.organization_id, d.endpoint_id, d.secret_sealed);
  if (current === null) {
    await withElevated('webhooks.outbound', (tx) =>
      finishDelivery(tx, d, 'failed', { status: null, latencyMs: 0, error: 'The signing secret could not be opened; rotate it to go on sending.' }, null),
    );
    return 'secret_unreadable';
  }
  const previous = d.previous_live && d.previous_secret_sealed ? openSecret(d.organization_id, d.endpoint_id, d.previous_secret_sealed) : null;
  const startedAt = new Date();
  const sent = await sendSigned(d.url, { eventId: d.event_id, type: d.event_type, createdAt: d.event_created_at, data: d.data }, previous ? [current, previous] : [current]);

  const outcome = await withElevated('webhooks.outbound', async (tx): Promise<string> => {
    await tx.query(
      `insert into public.webhook_attempts (delivery_id, organization_id, attempt, started_at, latency_ms, http_status, ok, error, response_snippet)
       values ($1, $2, $3, $4, $5, $6, $7, left($8, 300), $9) on conflict (delivery_id, attempt) do nothing`,
      [d.id, d.organization_id, d.attempt_count, startedAt, sent.latencyMs, sent.status, sent.ok, sent.ok ? null : sent.error, sent.snippet],
    );
    if (sent.ok) {
      await tx.query(`update public.webhook_endpoints set failure_streak = 0, failing_since = null where id = $1`, [d.endpoint_id]);
      await finishDelivery(tx, d, 'succeeded', { status: sent.status, latencyMs: sent.latencyMs, error: null }, null);
      return 'succeeded';
    }
    const streak = await tx.one<{ failure_streak: number; failing_hours: number }>(
      `update public.webhook_endpoints set failure_streak = failure_streak + 1, failing_since = coalesce(failing_since, $2)
        where id = $1 returning failure_streak, (extract(epoch from (now() - failing_since)) / 3600)::float8 as failing_hours`,
      [d.endpoint_id, startedAt],
    );
    const rule = disableRule();
    let disabled = false;
    if (sent.gone) disabled = await disableEndpoint(tx, d.organization_id, d.endpoint_id, 'gone', { http_status: 410 });
    else if (streak && streak.failure_streak >= rule.failures && streak.failing_hours >= rule.hours) {
      disabled = await disableEndpoint(tx, d.organization_id, d.endpoint_id, 'failing', { failures: streak.failure_streak });
    }
    const next = disabled || sent.gone ? null : nextRetrySeconds(d.attempt_count, sent.retryAfterSeconds);
    await finishDelivery(tx, d, next === null ? 'failed' : 'retrying', { status: sent.status, latencyMs: sent.latencyMs, error: sent.error }, next);
    return next === null ? (disabled ? 'failed_and_disabled' : 'failed') : 'retrying';
  });
  logger.info({ delivery: d.id, endpoint: d.endpoint_id, attempt: d.attempt_count, outcome, status: sent.status }, 'webhook delivery attempt');
  return outcome;
}
