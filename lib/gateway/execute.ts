import 'server-only';
import { writeAudit } from '@/lib/audit/write';
import { keyring } from '@/lib/crypto/keyring';
import { DecryptionError, open } from '@/lib/crypto/envelope';
import { withElevated, type Tx } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import { ProbeFailure } from '@/lib/integrations/define.server';
import { payloadContext } from './accept';
import { createSendContext } from './context';
import { sendingCredentials } from './credentials';
import type { Outbound, SendResult } from './define';
import { waitForSlot } from './limits';
import { gatewayLimits, nextDelaySeconds } from './retry';
import { senderOrThrow } from './routing';
import { scheduleSend } from './tasks';

// One attempt of one request, run by the job runner. The request is claimed first (a request
// another runner is sending is left alone; one left in 'sending' by a runner that died is taken
// over), then sent, and its outcome recorded with the attempt in one transaction. What to do next
// (done, retry later, fall back, hold, give up) is decided here and nowhere else.

interface Claimed {
  id: string;
  organization_id: string;
  integration_type: string;
  fallback_type: string | null;
  attempt_count: number;
  created_at: Date;
  payload_sealed: string | null;
}

/** Takes the request for this runner; null when there is nothing to do (done, held, or being sent). */
async function claim(requestId: string): Promise<Claimed | undefined> {
  return withElevated('gateway.send', (tx) =>
    tx.one<Claimed>(
      `update public.outbound_requests
          set status = 'sending', attempt_count = attempt_count + 1, updated_at = now(), next_attempt_at = null
        where id = $1
          and (status = 'queued' or (status = 'sending' and updated_at < now() - make_interval(secs => $2)))
        returning id, organization_id, integration_type, fallback_type, attempt_count, created_at, payload_sealed`,
      [requestId, gatewayLimits().staleSendingSeconds],
    ),
  );
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
      result.ok ? null : result.message.slice(0, 500),
      result.ok ? null : (result.retryAfterSeconds ?? null),
    ],
  );
}

const finish = (tx: Tx, id: string, status: 'sent' | 'failed', fields: { providerId?: string; code?: string; message?: string }) =>
  tx.query(
    `update public.outbound_requests
        set status = $2, provider_message_id = coalesce($3, provider_message_id), error_code = $4, error_message = $5,
            payload_sealed = null, updated_at = now(),
            sent_at = case when $2 = 'sent' then now() else sent_at end,
            completed_at = case when $2 = 'failed' then now() else completed_at end
      where id = $1`,
    [id, status, fields.providerId ?? null, fields.code ?? null, fields.message?.slice(0, 500) ?? null],
  );

/** Dead credentials: the integration turns Failing, and this request waits with the others. */
async function holdIntegration(tx: Tx, request: Claimed, type: string, result: Extract<SendResult, { ok: false }>): Promise<void> {
  await tx.query(`update public.outbound_requests set status = 'held', error_code = $2, error_message = $3, updated_at = now() where id = $1`, [
    request.id,
    result.code,
    result.message.slice(0, 500),
  ]);
  const marked = await tx.one<{ id: string }>(
    `update public.integration_credentials
        set last_test_ok = false, last_tested_at = now(), last_test_code = $3, is_verified = false,
            last_test_message = left($4, 300)
      where organization_id = $1 and integration_type = $2 and last_test_ok is distinct from false
      returning id`,
    [request.organization_id, type, result.code, `Sending failed: ${result.message}`],
  );
  if (marked) {
    await writeAudit(tx, { type: 'system', label: 'Gateway' }, {
      action: 'gateway.held',
      orgId: request.organization_id,
      integrationType: type,
      targetType: 'integration',
      targetId: type,
      outcome: 'failure',
      metadata: { code: result.code, provider_code: result.providerCode ?? null },
    });
  }
}

type Attempted = { result: SendResult; latencyMs: number } | { deferMs: number };

async function attempt(request: Claimed, outbound: Outbound, type: string): Promise<Attempted> {
  const provider = senderOrThrow(type);
  const credentials = await withElevated('gateway.send', (tx) => sendingCredentials(tx, request.organization_id, provider));
  if (credentials.kind === 'held') return { result: credentials.result, latencyMs: 0 };
  const deferMs = await waitForSlot(type, credentials.values);
  if (deferMs > 0) return { deferMs };
  const ctx = createSendContext({ requestId: request.id, idempotencyKey: `sb-${request.id}`, timeoutMs: gatewayLimits().sendTimeoutMs });
  try {
    return { result: await provider.send.send(credentials.values, outbound, ctx), latencyMs: ctx.elapsedMs() };
  } catch (error) {
    if (!(error instanceof ProbeFailure)) throw error;
    const kind = error.code === 'bad_credentials' || error.code === 'token_expired' ? 'dead' : error.code === 'not_found' ? 'rejected' : 'retry';
    return { result: { ok: false, kind, code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds }, latencyMs: ctx.elapsedMs() };
  } finally {
    ctx.dispose();
  }
}

/** Runs one attempt of a request, and queues the next one when it is to be retried. */
export async function executeRequest(requestId: string): Promise<void> {
  const request = await claim(requestId);
  if (!request) return;
  const outbound = openPayload(request);
  if (!outbound) {
    await withElevated('gateway.send', (tx) => finish(tx, request.id, 'failed', { code: 'payload_unreadable', message: 'The message could not be opened (its key is gone).' }));
    return;
  }
  const type = request.integration_type;
  const startedAt = new Date();
  const attempted = await attempt(request, outbound, type);
  if ('deferMs' in attempted) {
    // Over the provider's window: back in the queue for when it has room, with no attempt spent.
    await withElevated('gateway.send', async (tx) => {
      await tx.query(
        `update public.outbound_requests set status = 'queued', attempt_count = attempt_count - 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now() where id = $1`,
        [request.id, attempted.deferMs / 1000],
      );
      await scheduleSend(tx, request.id, attempted.deferMs / 1000);
    });
    return;
  }
  const { result, latencyMs } = attempted;

  await withElevated('gateway.send', async (tx) => {
    await recordAttempt(tx, request, type, startedAt, latencyMs, result);
    if (result.ok) return finish(tx, request.id, 'sent', { providerId: result.providerId });
    if (result.kind === 'dead') return holdIntegration(tx, request, type, result);
    if (result.kind === 'rejected' && request.fallback_type && request.fallback_type !== type) {
      // What one provider refused for good, the fallback may still send: it starts afresh.
      await tx.query(`update public.outbound_requests set status = 'queued', integration_type = $2, fallback_type = null, updated_at = now() where id = $1`, [
        request.id,
        request.fallback_type,
      ]);
      return scheduleSend(tx, request.id, 0);
    }
    const delay = result.kind === 'retry' ? nextDelaySeconds(request.attempt_count, result.retryAfterSeconds, request.created_at) : null;
    if (delay === null) return finish(tx, request.id, 'failed', { code: result.code, message: result.message });
    await tx.query(`update public.outbound_requests set status = 'queued', next_attempt_at = now() + make_interval(secs => $2), updated_at = now() where id = $1`, [
      request.id,
      delay,
    ]);
    await scheduleSend(tx, request.id, delay);
  });
  logger.info({ request: request.id, integration: type, attempt: request.attempt_count, outcome: result.ok ? 'accepted' : result.kind }, 'outbound attempt');
}
