import 'server-only';
import { createHmac, randomUUID } from 'node:crypto';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/auth/actor';
import { keyring } from '@/lib/crypto/keyring';
import { seal } from '@/lib/crypto/envelope';
import { withElevated, type Tx } from '@/lib/db/rls';
import { AppError, forbidden, invalid } from '@/lib/http/errors';
import { IDEMPOTENCY_KEY } from '@/lib/validations/gateway';
import type { Channel, Outbound } from './define';
import { noRoute, routeFor, senderOrThrow } from './routing';

// Accepting a send: the request is stored, its message sealed, and its job queued, all in the one
// transaction that produces the 202, so an accepted request is never lost and a refused one leaves
// nothing behind. An Idempotency-Key makes a repeat answer exactly what the first did.

export type Kind = 'text' | 'template' | 'otp' | 'email' | 'call';

export interface SendRequest {
  channel: Channel;
  kind: Kind;
  message: Outbound;
  /** Where it came from: the API, the portal's own pages, or an admin's test of an integration. */
  source: 'api' | 'portal' | 'test';
  /** A test goes through this integration, whatever the routing says. */
  integration?: string;
}

export interface Accepted {
  status: number;
  body: { id: string; status: 'queued' };
}

/** Payloads are sealed like credentials, bound to the organization and the request's own id. */
export const payloadContext = (orgId: string, requestId: string) => ({ orgId, integrationType: `outbound:${requestId}` });

export function idempotencyKeyOf(header: string | null): string | null {
  if (header === null) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new AppError(400, 'bad_request', 'An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID is a good choice).');
  }
  return header;
}

// Keyed, so that a short body (an OTP code) cannot be recovered from the stored hash by trying them all.
const hashOf = (value: unknown) => createHmac('sha256', `idempotency:${env().NEXTAUTH_SECRET}`).update(JSON.stringify(value)).digest('hex');

/** A member who is not an admin sends only through integrations an admin granted them. */
async function mayUse(tx: Tx, actor: Actor, type: string): Promise<boolean> {
  if (actor.role === 'admin' || actor.scopes !== null) return true;
  const grant = await tx.one<{ can_use: boolean }>(
    `select can_use from public.user_integration_permissions where organization_id = $1 and user_id = $2 and integration_type = $3`,
    [actor.orgId, actor.userId, type],
  );
  return grant?.can_use === true;
}

export async function requireGrant(tx: Tx, actor: Actor, type: string): Promise<void> {
  if (!(await mayUse(tx, actor, type))) throw forbidden('An admin has not given you the use of this integration. Ask them to, under Integrations → Who can use it.');
}

/** The fallback serves this sender only if they may use it too. */
const usableFallback = async (tx: Tx, actor: Actor, fallback: string | null) => (fallback && (await mayUse(tx, actor, fallback)) ? fallback : null);

async function insertRequest(tx: Tx, actor: Actor, request: SendRequest, id: string, integration: string, fallback: string | null, key: string | null) {
  const sealed = seal(keyring(), payloadContext(actor.orgId, id), JSON.stringify(request.message)).envelope;
  const token = actor.audit.type === 'api_token' ? actor.audit.id : null;
  // One round trip: the row and its job (the function spells the job as scheduleSend does).
  await tx.query(
    `with inserted as (
       insert into public.outbound_requests
         (id, organization_id, channel, kind, integration_type, fallback_type, recipient, sender_user_id, sender_token_id,
          sender_label, source, idempotency_key, payload_sealed)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id)
     select app_private.schedule_outbound_send(id, 0) from inserted`,
    [id, actor.orgId, request.channel, request.kind, integration, fallback, request.message.to, token ? null : actor.userId, token, actor.audit.label, request.source, key, sealed],
  );
}

/**
 * Claims an Idempotency-Key for this request's answer, in the caller's transaction (a key older than
 * 24 hours is free again). Returns the first
 * answer when the key was used before with the same request (a concurrent first use has committed by
 * then: the insert waits for it), refuses another request under the same key, and null when the key
 * is this request's own.
 */
async function claimKey<B>(tx: Tx, orgId: string, key: string, requestHash: string, answer: { status: number; body: B }) {
  const inserted = await tx.one<{ key: string }>(
    `insert into public.idempotency_keys (organization_id, key, request_hash, response_status, response_body)
     values ($1, $2, $3, $4, $5)
     on conflict (organization_id, key) do update
       set request_hash = excluded.request_hash, response_status = excluded.response_status, response_body = excluded.response_body, created_at = now()
       where public.idempotency_keys.created_at < now() - interval '24 hours'
     returning key`,
    [orgId, key, requestHash, answer.status, JSON.stringify(answer.body)],
  );
  if (inserted) return null;
  const first = await tx.one<{ request_hash: string; response_status: number; response_body: B }>(
    `select request_hash, response_status, response_body from public.idempotency_keys where organization_id = $1 and key = $2`,
    [orgId, key],
  );
  if (!first) return null;
  if (first.request_hash !== requestHash) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request in the last 24 hours. Use a new key for a new request.');
  }
  return { status: first.response_status, body: first.response_body };
}

export interface AcceptOptions {
  key: string | null;
  /** What the caller sent: hashed for the Idempotency-Key comparison, never stored. */
  body: unknown;
  path: string;
}

/** Accepts one send for the actor's organization. */
export async function acceptSend(actor: Actor, request: SendRequest, options: AcceptOptions): Promise<Accepted> {
  const id = randomUUID();
  const accepted: Accepted = { status: 202, body: { id, status: 'queued' } };
  return withElevated('gateway.accept', async (tx) => {
    if (options.key !== null) {
      const first = await claimKey(tx, actor.orgId, options.key, hashOf({ path: options.path, body: options.body }), accepted);
      if (first) return first;
    }
    let integration = request.integration;
    let fallback: string | null = null;
    if (!integration) {
      const route = await routeFor(tx, actor.orgId, request.channel);
      if (!route) throw noRoute(request.channel);
      integration = route.primary;
      fallback = await usableFallback(tx, actor, route.fallback);
    }
    senderOrThrow(integration);
    await requireGrant(tx, actor, integration);
    await insertRequest(tx, actor, request, id, integration, fallback, options.key);
    return accepted;
  });
}

export type BulkAccepted = { status: number; body: { data: { id: string; to: string; status: 'queued' }[]; count: number } };

/** Accepts many sends at once (bulk email): one request each, one transaction, one answer. */
export async function acceptMany(actor: Actor, requests: SendRequest[], options: AcceptOptions): Promise<BulkAccepted> {
  if (requests.length === 0) throw invalid({ to: ['Add at least one recipient.'] });
  const channel = requests[0]!.channel;
  const planned = requests.map((request) => ({ id: randomUUID(), request }));
  const data = planned.map(({ id, request }) => ({ id, to: request.message.to, status: 'queued' as const }));
  const accepted: BulkAccepted = { status: 202, body: { data, count: data.length } };
  return withElevated('gateway.accept', async (tx) => {
    if (options.key !== null) {
      const first = await claimKey(tx, actor.orgId, options.key, hashOf({ path: options.path, body: options.body }), accepted);
      if (first) return first;
    }
    const route = await routeFor(tx, actor.orgId, channel);
    if (!route) throw noRoute(channel);
    senderOrThrow(route.primary);
    await requireGrant(tx, actor, route.primary);
    const fallback = await usableFallback(tx, actor, route.fallback);
    for (const { id, request } of planned) await insertRequest(tx, actor, request, id, route.primary, fallback, null);
    return accepted;
  });
}
