import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import { env } from '@/lib/env';
import { keyring } from '@/lib/crypto/keyring';
import { DecryptionError, open, seal } from '@/lib/crypto/envelope';
import type { Tx } from '@/lib/db/rls';
import { AppError } from '@/lib/http/errors';

// An operation's Idempotency-Key is claimed before the provider is called (so a concurrent repeat
// is told to wait instead of acting twice) and holds the answer afterwards, sealed like credentials
// (an answer may carry a payment's client secret or a meeting's start URL). A repeat within 24 hours
// answers the same; a key whose call was interrupted (the process died) may be used again after a
// while, and the provider then sees the same key of its own, so Stripe and PayPal do not act twice.

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export type Claim = { kind: 'new' } | { kind: 'answered'; answer: Answer } | { kind: 'resume'; requestId: string };

const hashOf = (value: unknown) => createHmac('sha256', `idempotency:${env().NEXTAUTH_SECRET}`).update(JSON.stringify(value)).digest('hex');

/** Keyed, so that a short input cannot be recovered from the stored hash by trying them all. */
export const requestHashOf = (request: unknown) => hashOf(request);

/**
 * The key the provider sees: the same for every repeat of the caller's key with the same request,
 * else the request's own. The request's hash is part of it, so a key the caller reuses for another
 * request (after a failure freed it) never gets the provider's answer to the first.
 */
export function providerKey(orgId: string, callerKey: string | null, requestId: string, requestHash: string): string {
  return callerKey === null ? `sb-${requestId}` : `sb-${createHash('sha256').update(`${orgId}:${callerKey}:${requestHash}`).digest('hex').slice(0, 40)}`;
}

const sealContext = (orgId: string, key: string) => ({ orgId, integrationType: `idempotency:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` });

/** Claims `key` for this call, or says what to do with a repeat. */
export async function claimOperationKey(tx: Tx, orgId: string, key: string, requestHash: string, requestId: string, staleSeconds: number): Promise<Claim> {
  const inserted = await tx.one(
    `insert into public.idempotency_keys (organization_id, key, request_hash, response_status, response_body)
     values ($1, $2, $3, 0, jsonb_build_object('pending', $4::text))
     on conflict (organization_id, key) do update
       set request_hash = excluded.request_hash, response_status = 0, response_body = excluded.response_body, created_at = now()
       where public.idempotency_keys.created_at < now() - interval '24 hours'
     returning key`,
    [orgId, key, requestHash, requestId],
  );
  if (inserted) return { kind: 'new' };
  const first = await tx.one<{ request_hash: string; response_status: number; response_body: { pending?: string; sealed?: string }; stale: boolean }>(
    `select request_hash, response_status, response_body, created_at < now() - make_interval(secs => $3) as stale
       from public.idempotency_keys where organization_id = $1 and key = $2 for update`,
    [orgId, key, staleSeconds],
  );
  if (!first) return { kind: 'new' };
  if (first.request_hash !== requestHash) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request in the last 24 hours. Use a new key for a new request.');
  }
  if (first.response_status === 0) {
    if (!first.stale || !first.response_body.pending) {
      throw new AppError(409, 'conflict', 'A request with this Idempotency-Key is still being made. Try again in a few seconds.');
    }
    await tx.query(`update public.idempotency_keys set created_at = now() where organization_id = $1 and key = $2`, [orgId, key]);
    return { kind: 'resume', requestId: first.response_body.pending };
  }
  try {
    const body = JSON.parse(open(keyring(), sealContext(orgId, key), first.response_body.sealed ?? '')) as Record<string, unknown>;
    return { kind: 'answered', answer: { status: first.response_status, body } };
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    throw new AppError(409, 'conflict', 'The first answer under this Idempotency-Key can no longer be read. Use a new key.');
  }
}

/** Keeps the answer for repeats; an answer worth retrying (the provider was unreachable) frees the key instead. */
export async function settleOperationKey(tx: Tx, orgId: string, key: string, answer: Answer, keep: boolean): Promise<void> {
  if (!keep) {
    await tx.query(`delete from public.idempotency_keys where organization_id = $1 and key = $2 and response_status = 0`, [orgId, key]);
    return;
  }
  const sealed = seal(keyring(), sealContext(orgId, key), JSON.stringify(answer.body)).envelope;
  await tx.query(
    `update public.idempotency_keys set response_status = $3, response_body = jsonb_build_object('sealed', $4::text)
      where organization_id = $1 and key = $2`,
    [orgId, key, answer.status, sealed],
  );
}
