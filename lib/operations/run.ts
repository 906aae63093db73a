import 'server-only';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { Actor } from '@/lib/auth/actor';
import { withElevated, type Tx } from '@/lib/db/rls';
import { AppError } from '@/lib/http/errors';
import { requireGrant } from '@/lib/gateway/accept';
import { sendingCredentials } from '@/lib/gateway/credentials';
import { markCredentialsRefused } from '@/lib/gateway/holds';
import { scrub } from '@/lib/gateway/scrub';
import { logger } from '@/lib/log';
import { attemptAll, type AttemptRecord, type Outcome } from './attempts';
import { createOperationContext, operationDeadlineMs } from './context';
import type { ObjectDetails, OperationContext } from './define.server';
import { claimOperationKey, providerKey, requestHashOf, settleOperationKey, type Answer } from './idempotency';
import { findOperation, objectNoun, type FoundOperation } from './registry';

// One operation, made while the caller waits: the request is logged (with the caller's grant,
// the credentials and the object it acts on checked) before the provider is called, the provider is
// called within one deadline, and the outcome, its attempts and the answer are stored together.

export interface OperationCall {
  type: string;
  action: string;
  input: unknown;
  /** The caller's Idempotency-Key, when it sent one. */
  key: string | null;
  path: string;
  source: 'api' | 'portal' | 'test';
}

interface Prepared {
  requestId: string;
  /** The key the provider is given for this call (see providerKey). */
  providerKey: string;
  answered?: Answer;
  credentials?: Record<string, unknown>;
  object?: OperationContext['object'];
}

async function objectOf(tx: Tx, actor: Actor, found: FoundOperation, input: Record<string, unknown>): Promise<OperationContext['object']> {
  const field = found.declaration.object;
  if (!field) return undefined;
  const id = String(input[field] ?? '');
  // Agents act on what they made themselves, as the delivery log shows them only their own requests.
  const row = await tx.one<{ id: string; provider_message_id: string; details: ObjectDetails | null }>(
    `select id, provider_message_id, details from public.outbound_requests
      where organization_id = $1 and integration_type = $2 and kind = 'operation' and provider_message_id = $3
        and ($4::uuid is null or sender_user_id = $4)
      order by created_at limit 1`,
    [actor.orgId, found.type, id, actor.role === 'agent' ? actor.userId : null],
  );
  // Only objects this organization made through the portal: another's id is as unknown as a made-up one.
  if (!row) throw new AppError(404, 'not_found', `No ${objectNoun(found)} with this id was made through this organization’s ${found.provider.name} integration.`);
  return { id: row.provider_message_id, requestId: row.id, details: row.details ?? {} };
}

async function prepare(actor: Actor, found: FoundOperation, call: OperationCall, input: Record<string, unknown>): Promise<Prepared> {
  let requestId: string = randomUUID();
  const deadline = operationDeadlineMs();
  const hash = requestHashOf({ path: call.path, type: found.type, action: found.action, input });
  return withElevated('operations.run', async (tx) => {
    // The grant first: a stored answer (a client secret, a start link) is only for whoever may call.
    await requireGrant(tx, actor, found.type);
    if (call.key !== null) {
      const claim = await claimOperationKey(tx, actor.orgId, call.key, hash, requestId, (2 * deadline) / 1000 + 30);
      if (claim.kind === 'answered') return { requestId, providerKey: '', answered: claim.answer };
      if (claim.kind === 'resume') requestId = claim.requestId;
    }
    const object = await objectOf(tx, actor, found, input);
    const credentials = await sendingCredentials(tx, actor.orgId, found.provider);
    if (credentials.kind === 'held') throw new AppError(409, 'integration_unavailable', credentials.result.message);
    const token = actor.audit.type === 'api_token' ? actor.audit.id : null;
    await tx.query(
      `insert into public.outbound_requests
         (id, organization_id, channel, kind, operation, integration_type, status, recipient, sender_user_id, sender_token_id, sender_label, source,
          idempotency_key, provider_message_id, attempt_count)
       values ($1, $2, $3, 'operation', $4, $5, 'sending', null, $6, $7, $8, $9, $10, $11, 0)
       on conflict (id) do update
         set status = 'sending', error_code = null, error_message = null, completed_at = null, updated_at = now()`,
      [requestId, actor.orgId, found.declaration.family, found.action, found.type, token ? null : actor.userId, token, actor.audit.label, call.source, call.key, object?.id ?? null],
    );
    return { requestId, providerKey: providerKey(actor.orgId, call.key, requestId, hash), credentials: credentials.values, object };
  });
}

/** The caller's answer for an outcome: the provider's result, or an error a person can act on. */
function answerOf(requestId: string, outcome: Outcome, found: FoundOperation): Answer {
  if (outcome.ok) return { status: 200, body: { requestId, ...(outcome.output as Record<string, unknown>) } };
  const base = { requestId, providerCode: outcome.providerCode ?? null };
  const message = scrub(outcome.message);
  if (outcome.kind === 'dead') {
    return { status: 409, body: { error: { code: 'integration_unavailable', message: `${found.provider.name} needs reconnecting: ${message}`, ...base } } };
  }
  if (outcome.kind === 'retry') {
    const after = 'retryAfterSeconds' in outcome ? (outcome.retryAfterSeconds ?? null) : null;
    // The provider may have acted before the answer was lost, and it cannot tell a repeat apart.
    const unknown = !found.declaration.idempotent && found.declaration.access === 'write';
    const advice = unknown ? ` Whether ${found.provider.name} acted is unknown: check it before trying again.` : '';
    return { status: 502, body: { error: { code: 'provider_unavailable', message: `${found.provider.name} could not be reached or asked to wait: ${message}${advice}`, retry_after_seconds: after, ...base } } };
  }
  if ('notFound' in outcome && outcome.notFound) {
    // Without an object to look for, "not found" is the integration's own address or account.
    if (!found.declaration.object) {
      return { status: 409, body: { error: { code: 'integration_unavailable', message: `${message} Check ${found.provider.name}’s settings under Integrations.`, ...base } } };
    }
    return { status: 404, body: { error: { code: 'not_found', message: `${found.provider.name} has no such ${objectNoun(found)} (any more).`, ...base } } };
  }
  const field = 'field' in outcome ? outcome.field : undefined;
  return { status: 422, body: { error: { code: 'provider_rejected', message, ...(field ? { fields: { [field]: [message] } } : {}), ...base } } };
}

async function record(tx: Tx, orgId: string, found: FoundOperation, requestId: string, attempts: AttemptRecord[], outcome: Outcome, object: OperationContext['object']) {
  for (const a of attempts) {
    await tx.query(
      `insert into public.outbound_attempts
         (request_id, organization_id, attempt, integration_type, started_at, latency_ms, http_status, outcome, code, provider_code, message, retry_after_seconds)
       select $1, $2, coalesce(max(attempt), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11 from public.outbound_attempts where request_id = $1`,
      [requestId, orgId, found.type, a.startedAt, a.latencyMs, a.httpStatus, a.outcome, a.code, a.providerCode, a.message ? scrub(a.message) : null, a.retryAfterSeconds],
    );
  }
  if (!outcome.ok) {
    await tx.query(
      `update public.outbound_requests set status = 'failed', error_code = $2, error_message = $3, attempt_count = attempt_count + $4,
              updated_at = now(), completed_at = now() where id = $1`,
      [requestId, outcome.code.slice(0, 60), scrub(outcome.message).slice(0, 300), attempts.length],
    );
    if (outcome.kind === 'dead') await markCredentialsRefused(tx, orgId, found.type, outcome, 'An operation failed');
    return;
  }
  const mine = !object || object.requestId === requestId;
  await tx.query(
    `update public.outbound_requests
        set status = $2, provider_message_id = coalesce($3, provider_message_id), object_status = $4,
            details = case when $5::jsonb is null then details else coalesce(details, '{}'::jsonb) || $5::jsonb end,
            attempt_count = attempt_count + $6, updated_at = now(), sent_at = now(),
            completed_at = case when $2 = 'completed' then now() else completed_at end
      where id = $1`,
    [requestId, outcome.pending ? 'sent' : 'completed', outcome.objectId ?? null, outcome.objectStatus?.slice(0, 60) ?? null, mine && outcome.details ? JSON.stringify(outcome.details) : null, attempts.length],
  );
  if (object && !mine) {
    // What this call changed about the object is kept on the request that created it.
    await tx.query(
      `update public.outbound_requests
          set object_status = coalesce($2, object_status),
              details = case when $3::jsonb is null then details else coalesce(details, '{}'::jsonb) || $3::jsonb end,
              status = case when $4::text is not null and status = 'sent' then $4 else status end,
              completed_at = case when $4::text is not null and status = 'sent' then now() else completed_at end,
              error_code = case when $4 = 'failed' and status = 'sent' then 'provider_failed' else error_code end,
              updated_at = now()
        where id = $1`,
      [object.requestId, outcome.objectStatus?.slice(0, 60) ?? null, outcome.details ? JSON.stringify(outcome.details) : null, outcome.settles ?? null],
    );
  }
}

/**
 * Whether a repeat under the same key gets this answer again. An outage or refused credentials free
 * the key for a retry (the provider dedupes it), except for a write the provider cannot dedupe: its
 * outcome is unknown, and retrying could do it twice.
 */
function keepsAnswer(found: FoundOperation, answer: Answer): boolean {
  if (answer.status === 409) return false;
  if (answer.status === 502) return !found.declaration.idempotent && found.declaration.access === 'write';
  return true;
}

/** Makes one operation for the actor's organization and answers what the provider said. */
export async function runOperation(actor: Actor, call: OperationCall): Promise<Answer> {
  const found = findOperation(call.type, call.action);
  const input = z.parse(found.declaration.input, call.input);
  const prepared = await prepare(actor, found, call, input as Record<string, unknown>);
  if (prepared.answered) return prepared.answered;
  const deadline = operationDeadlineMs();
  const ctx = createOperationContext({
    requestId: prepared.requestId,
    idempotencyKey: prepared.providerKey,
    timeoutMs: deadline,
    object: prepared.object,
  });
  let result: Awaited<ReturnType<typeof attemptAll>>;
  try {
    result = await attemptAll(found.declaration, (c) => found.run(prepared.credentials ?? {}, input as never, c), ctx, deadline);
  } finally {
    ctx.dispose();
  }
  const answer = answerOf(prepared.requestId, result.outcome, found);
  await withElevated('operations.run', async (tx) => {
    await record(tx, actor.orgId, found, prepared.requestId, result.attempts, result.outcome, prepared.object);
    if (call.key !== null) await settleOperationKey(tx, actor.orgId, call.key, answer, keepsAnswer(found, answer));
  });
  logger.info({ request: prepared.requestId, integration: found.type, operation: found.action, status: answer.status, attempts: result.attempts.length }, 'operation');
  return answer;
}
