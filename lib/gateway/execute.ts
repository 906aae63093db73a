import 'server-only';
import { keyring } from '@/lib/crypto/keyring';
import { DecryptionError, open } from '@/lib/crypto/envelope';
import { withElevated, type Tx } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import { ProbeFailure } from '@/lib/integrations/define.server';
import { emitMessageOutcome } from '@/lib/webhooks/outbound/gateway-events';
import { payloadContext } from './accept';
import { createSendContext } from './context';
import { sendingCredentials } from './credentials';
import type { Outbound, SendResult } from './define';
import { markCredentialsRefused } from './holds';
import { waitForSlot } from './limits';
import { gatewayLimits, nextDelaySeconds } from './retry';
import { senderOrThrow } from './routing';
import { scheduleSend } from './tasks';
import { scrub } from './scrub';
import { currentReceiver, receiverUrl } from '@/lib/webhooks/inbound/receivers';

// One attempt of one request, run by the job runner. The request is claimed first (a request
// another runner is sending is left alone; one left in 'sending' by a runner that died is taken
// over), then sent, and its outcome recorded with the attempt in one transaction. What to do next
// (done, retry later, fall back, hold, give up) is decided here and nowhere else.

interface Claimed {
  id: string;
  organization_id: string;
  channel: string;
  integration_type: string;
  fallback_type: string | null;
  attempt_count: number;
  retry_window_start: Date;
  payload_sealed: string | null;
}

/** Takes the request for this runner; undefined when there is nothing to do (done, held, or being sent). */
async function claim(requestId: string): Promise<Claimed | undefined> {
  return withElevated('gateway.send', (tx) =>
    tx.one<Claimed>(
      `update public.outbound_requests
          set status = 'sending', attempt_count = attempt_count + 1, updated_at = now(), next_attempt_at = null
        where id = $1 and kind <> 'operation'
          and (status = 'queued' or (status = 'sending' and updated_at < now() - make_interval(secs => $2)))
        returning id, organization_id, channel, integration_type, fallback_type, attempt_count, retry_window_start, payload_sealed`,
      [requestId, gatewayLimits().staleSendingSeconds],
    ),
  );
}

/**
 * Whether this runner still owns the request (another took it over if it looked stalled), locked for
 * the rest of the transaction. Every change after the attempt goes through this.
 */
async function stillMine(tx: Tx, request: Claimed): Promise<boolean> {
  const row = await tx.one(`select 1 from public.outbound_requests where id = $1 and status = 'sending' and attempt_count = $2 for update`, [
    request.id,
    request.attempt_count,
  ]);
  return row !== undefined;
}

function openPayload(request: Claimed): Outbound | null {
  if (!request.payload_sealed) return null;
  try {
    return JSON.parse(open(keyring(), payloadContext(request.organization_id, request.id), request.payload_sealed)) as Outbound;
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

async function recordAttempt(tx: Tx, request: Claimed, type: string, startedAt: Date, latencyMs: number, result: SendResult): Promise<void> {
  await tx.query(
    `insert into public.outbound_attempts
       (request_id, organization_id, attempt, integration_type, started_at, latency_ms, http_status, outcome, code, provider_code, message, retry_after_seconds)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      request.id,
      request.organization_id,
      request.attempt_count,
      type,
      startedAt,
      Math.round(latencyMs),
      result.httpStatus ?? null,
      result.ok ? 'accepted' : result.kind,
      result.ok ? null : result.code,
      result.ok ? null : (result.providerCode ?? null),
      result.ok ? null : scrub(result.message),
      result.ok ? null : (result.retryAfterSeconds ?? null),
    ],
  );
}

/** Ends the request as sent or failed, and tells the organization's webhooks. */
async function finish(tx: Tx, request: Claimed, type: string, status: 'sent' | 'failed', fields: { providerId?: string; code?: string; message?: string }): Promise<void> {
  await finishRow(tx, request.id, status, fields);
  const subject = { ...request, integration_type: type };
  await emitMessageOutcome(
    tx,
    subject,
    status === 'sent' ? { status, providerMessageId: fields.providerId } : { status, code: fields.code ?? 'failed', message: scrub(fields.message ?? 'The message could not be sent.') },
  );
}

const finishRow = (tx: Tx, id: string, status: 'sent' | 'failed', fields: { providerId?: string; code?: string; message?: string }) =>
  tx.query(
    `update public.outbound_requests
        set status = $2, provider_message_id = coalesce(nullif($3, ''), provider_message_id), error_code = $4, error_message = $5,
            payload_sealed = null, updated_at = now(),
            sent_at = case when $2 = 'sent' then now() else sent_at end,
            completed_at = case when $2 = 'failed' then now() else completed_at end
      where id = $1`,
    [id, status, fields.providerId ?? null, fields.code ?? null, fields.message ? scrub(fields.message) : null],
  );

const holdRequest = (tx: Tx, request: Claimed, result: Extract<SendResult, { ok: false }>) =>
  tx.query(`update public.outbound_requests set status = 'held', error_code = $2, error_message = $3, updated_at = now() where id = $1`, [
    request.id,
    result.code,
    scrub(result.message),
  ]);

const requeue = async (tx: Tx, request: Claimed, delaySeconds: number, spent: boolean) => {
  await tx.query(
    `update public.outbound_requests set status = 'queued', attempt_count = attempt_count - $3, next_attempt_at = now() + make_interval(secs => $2), updated_at = now() where id = $1`,
    [request.id, delaySeconds, spent ? 0 : 1],
  );
  await scheduleSend(tx, request.id, delaySeconds);
};

/**
 * The provider refused the credentials: the integration turns Failing and this request waits with
 * the others. If an admin saved new credentials while this attempt was out, they are not blamed: the
 * request goes back to the queue to try them.
 */
async function holdIntegration(tx: Tx, request: Claimed, type: string, version: number | null, result: Extract<SendResult, { ok: false }>): Promise<void> {
  if (version !== null) {
    const current = await tx.one<{ version: number }>(`select version from public.integration_credentials where organization_id = $1 and integration_type = $2`, [
      request.organization_id,
      type,
    ]);
    if (current && current.version !== version) return requeue(tx, request, 0, false);
  }
  await holdRequest(tx, request, result);
  await markCredentialsRefused(tx, request.organization_id, type, result, 'Sending failed');
}

type Attempted =
  | { result: SendResult; latencyMs: number; version: number | null }
  /** The credentials cannot be used as they are (disabled, refused before, unreadable): wait for an admin. */
  | { held: Extract<SendResult, { ok: false }> }
  | { deferMs: number };

const DEAD: ReadonlySet<string> = new Set(['bad_credentials', 'token_expired', 'missing_scope']);

async function attempt(request: Claimed, outbound: Outbound, type: string): Promise<Attempted> {
  const provider = senderOrThrow(type);
  // Providers that take a callback address with each send (Twilio, Exotel) get the organization's, with
  // the request's id in it, so their status callbacks find the request without a lookup.
  const { credentials, callbackUrl } = await withElevated('gateway.send', async (tx) => ({
    credentials: await sendingCredentials(tx, request.organization_id, provider),
    callbackUrl: provider.webhook?.perRequestCallback ? `${receiverUrl(type, await currentReceiver(tx, request.organization_id, type))}?r=${request.id}` : undefined,
  }));
  if (credentials.kind === 'held') return { held: credentials.result };
  const deferMs = await waitForSlot(type, credentials.values);
  if (deferMs > 0) return { deferMs };
  const ctx = createSendContext({ requestId: request.id, idempotencyKey: `sb-${request.id}`, timeoutMs: gatewayLimits().sendTimeoutMs, callbackUrl });
  try {
    return { result: await provider.send.send(credentials.values, outbound, ctx), latencyMs: ctx.elapsedMs(), version: credentials.version };
  } catch (error) {
    if (!(error instanceof ProbeFailure)) {
      // Nothing a provider said: recorded as an attempt to retry, never left to loop unrecorded.
      logger.error({ request: request.id, integration: type, err: error instanceof Error ? error.name : 'unknown' }, 'outbound attempt failed unexpectedly');
      return { result: { ok: false, kind: 'retry', code: 'provider_error', message: 'An unexpected error interrupted this attempt.' }, latencyMs: ctx.elapsedMs(), version: credentials.version };
    }
    const kind = DEAD.has(error.code) ? 'dead' : error.code === 'not_found' ? 'rejected' : 'retry';
    return { result: { ok: false, kind, code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds }, latencyMs: ctx.elapsedMs(), version: credentials.version };
  } finally {
    ctx.dispose();
  }
}

/** Runs one attempt of a request, and queues the next one when it is to be retried. */
export async function executeRequest(requestId: string): Promise<void> {
  const request = await claim(requestId);
  if (!request) return;
  const outbound = openPayload(request);
  const limits = gatewayLimits();
  if (!outbound || request.attempt_count > limits.maxAttempts) {
    // Unreadable, or taken over from stalled runners more often than it may be attempted.
    const gaveUp = outbound ? { code: 'gave_up', message: 'Every attempt was interrupted before the provider answered.' } : { code: 'payload_unreadable', message: 'The message could not be opened (its key is gone).' };
    await withElevated('gateway.send', (tx) => finish(tx, request, request.integration_type, 'failed', gaveUp));
    return;
  }
  const type = request.integration_type;
  const startedAt = new Date();
  const attempted = await attempt(request, outbound, type);

  const outcome = await withElevated('gateway.send', async (tx): Promise<string> => {
    const mine = await stillMine(tx, request);
    if ('result' in attempted) await recordAttempt(tx, request, type, startedAt, attempted.latencyMs, attempted.result);
    // Another runner took the request over while this attempt was out: its outcome stands.
    if (!mine) return 'taken_over';
    if ('deferMs' in attempted) {
      // Over the provider's window: back in the queue for when it has room, with no attempt spent.
      await requeue(tx, request, attempted.deferMs / 1000, false);
      return 'deferred';
    }
    if ('held' in attempted) {
      await holdRequest(tx, request, attempted.held);
      return 'held';
    }
    const { result, version } = attempted;
    if (result.ok) {
      await finish(tx, request, type, 'sent', { providerId: result.providerId });
      return 'accepted';
    }
    if (result.kind === 'dead') {
      await holdIntegration(tx, request, type, version, result);
      return 'dead';
    }
    if (result.kind === 'rejected' && request.fallback_type && request.fallback_type !== type) {
      // What one provider refused for good, the fallback may still send: it starts afresh.
      await tx.query(
        `update public.outbound_requests set status = 'queued', integration_type = $2, fallback_type = null, attempt_count = 0, retry_window_start = now(), updated_at = now() where id = $1`,
        [request.id, request.fallback_type],
      );
      await scheduleSend(tx, request.id, 0);
      return 'fallback';
    }
    const delay = result.kind === 'retry' ? nextDelaySeconds(request.attempt_count, result.retryAfterSeconds, request.retry_window_start) : null;
    if (delay === null) {
      await finish(tx, request, type, 'failed', { code: result.code, message: result.message });
      return result.kind;
    }
    await requeue(tx, request, delay, true);
    return 'retry';
  });
  logger.info({ request: request.id, integration: type, attempt: request.attempt_count, outcome }, 'outbound attempt');
}
