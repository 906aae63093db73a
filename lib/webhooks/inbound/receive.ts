import 'server-only';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { writeAudit } from '@/lib/audit/write';
import { withElevated, type Tx } from '@/lib/db/rls';
import { AppError } from '@/lib/http/errors';
import { apiRoute, readRawBody } from '@/lib/http/route';
import { ProbeFailure, type ServerProvider } from '@/lib/integrations/define.server';
import { createProbeContext } from '@/lib/integrations/probe';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { postgresLimiterStore } from '@/lib/gateway/limits';
import { logger } from '@/lib/log';
import { cleanEvent, printable, type InboundRequest, type ParsedDelivery, type RejectReason, type VerifyOutcome, type WebhookSpec } from './define';
import { findReceiver, openWebhookCredentials, publicOrigin, TOKEN_PATTERN, type Receiver } from './receivers';

// Receives one provider callback: finds the organization by the URL's id, verifies the raw body with
// the provider's own scheme, drops replays, logs it and queues the job that applies it. Nothing here
// waits on more than the database (PayPal's online check aside), so providers with a few seconds'
// deadline (Meta, Zoom) get their answer well within it even while thousands of deliveries queue.

/** Larger deliveries are refused with 413 before they are buffered (SendGrid batches stay far below). */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

const reasons: Record<RejectReason, string> = {
  missing_signature: 'The delivery carried no signature.',
  bad_signature: 'The signature did not match.',
  stale_timestamp: 'The delivery’s timestamp is outside the provider’s tolerance (an old or replayed delivery).',
  not_configured: 'The webhook secret is not saved on this integration.',
  unreadable: 'The delivery was not in the provider’s format.',
};

// A flood of bad deliveries must not fill the log or the audit trail: per integration, 30 logged
// rejections a minute, and one audit event per 10 minutes.
let limiters: { log: RateLimiterPostgres; audit: RateLimiterPostgres } | null = null;
function rejectionLimiters() {
  if (!limiters) {
    const common = postgresLimiterStore();
    limiters = {
      log: new RateLimiterPostgres({ ...common, keyPrefix: 'webhook-rejected-log', points: 30, duration: 60 }),
      audit: new RateLimiterPostgres({ ...common, keyPrefix: 'webhook-rejected-audit', points: 1, duration: 600 }),
    };
  }
  return limiters;
}

const allowed = (limiter: RateLimiterPostgres, key: string) =>
  limiter.consume(key).then(
    () => true,
    () => false,
  );

async function recordRejection(receiver: Receiver, provider: ServerProvider, outcome: Extract<VerifyOutcome, { ok: false }>): Promise<void> {
  const key = `${receiver.organization_id}:${provider.id}`;
  const { log, audit } = rejectionLimiters();
  const [logIt, auditIt] = await Promise.all([allowed(log, key), allowed(audit, key)]);
  if (!logIt && !auditIt) return;
  await withElevated('webhooks.receive', async (tx) => {
    if (logIt) {
      await tx.query(
        `insert into public.webhook_deliveries_in (organization_id, integration_type, verified, outcome, detail) values ($1, $2, false, 'rejected', $3)`,
        [receiver.organization_id, provider.id, reasons[outcome.reason]],
      );
    }
    if (auditIt) {
      await writeAudit(tx, { type: 'system', label: `${provider.name} webhook` }, {
        action: 'webhook.rejected',
        orgId: receiver.organization_id,
        outcome: 'denied',
        integrationType: provider.id,
        targetType: 'integration',
        targetId: provider.id,
        metadata: { reason: outcome.reason },
      });
    }
  });
}

/** Logs a verified delivery and queues it, once: a replay of a delivery already received is only noted. */
async function accept(tx: Tx, receiver: Receiver, provider: ServerProvider, delivery: ParsedDelivery): Promise<'queued' | 'duplicate' | 'ignored'> {
  const eventId = printable(delivery.eventId).slice(0, 200);
  const eventType = printable(delivery.eventType).slice(0, 200);
  const outcome = delivery.events.length === 0 ? 'ignored' : 'queued';
  // Logged and its job queued in one statement (one round trip fewer for every callback).
  const row = await tx.one<{ id: string }>(
    `with logged as (
       insert into public.webhook_deliveries_in (organization_id, integration_type, event_id, event_type, verified, outcome, detail, events, event_count)
       values ($1, $2, $3, $4, true, $5, $6, $7, $8)
       on conflict (organization_id, integration_type, event_id) where verified and outcome <> 'duplicate' do nothing
       returning id)
     select id, case when $5 = 'queued' then app_private.schedule_webhook_apply(id) end from logged`,
    [
      receiver.organization_id,
      provider.id,
      eventId,
      eventType,
      outcome,
      outcome === 'ignored' ? 'Nothing in it concerns what the portal tracks.' : null,
      outcome === 'queued' ? JSON.stringify(delivery.events.map(cleanEvent)) : null,
      delivery.events.length,
    ],
  );
  if (!row) {
    await tx.query(
      `insert into public.webhook_deliveries_in (organization_id, integration_type, event_id, event_type, verified, outcome, detail, event_count)
       values ($1, $2, $3, $4, true, 'duplicate', 'Already received: a provider retry or a replay, dropped.', $5)`,
      [receiver.organization_id, provider.id, eventId, eventType, delivery.events.length],
    );
    return 'duplicate';
  }
  return outcome;
}

function inboundRequest(req: NextRequest, rawBody: Buffer): InboundRequest {
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  // The URL as the organization configured it at the provider (Twilio signs it): the public origin.
  const url = `${publicOrigin()}${req.nextUrl.pathname}${req.nextUrl.search}`;
  return { method: req.method === 'GET' ? 'GET' : 'POST', url, query: req.nextUrl.searchParams, headers, rawBody };
}

const notFound = () => new AppError(404, 'not_found', 'No webhook is registered at this address.');

/**
 * Work an unknown id does in place of verifying and recording a refusal (a MAC over the body, a trip
 * to the rejection counters), so answering 404 takes about as long as refusing a bad signature: the
 * response's timing does not tell which ids exist (the bench compares the two).
 */
async function decoyVerify(rawBody: Buffer): Promise<void> {
  createHmac('sha256', randomBytes(32)).update(rawBody).digest();
  // Spread over 64 counters, so a flood of unknown ids does not queue on one row.
  await allowed(rejectionLimiters().log, `unknown-id:${randomInt(64)}`);
}

/** The provider a delivery is for, or 404 (after the decoy's work) when the type or id cannot be one. */
async function providerOrNotFound(type: string, token: string, rawBody: Buffer) {
  const provider = findServerProvider(type);
  if (!provider?.webhook || !TOKEN_PATTERN.test(token)) {
    await decoyVerify(rawBody);
    throw notFound();
  }
  return { provider, spec: provider.webhook };
}

/** Who the id belongs to and the credentials to verify with, in the caller's transaction; 404 when nobody. */
async function lookup(tx: Tx, provider: ServerProvider, token: string, rawBody: Buffer) {
  const found = await findReceiver(tx, provider.id, token);
  if (!found) {
    await decoyVerify(rawBody);
    throw notFound();
  }
  const receiver: Receiver = { organization_id: found.organization_id, integration_type: found.integration_type };
  return { receiver, credentials: openWebhookCredentials(found.organization_id, provider, found.credentials_encrypted) };
}

async function resolve(type: string, token: string, rawBody: Buffer) {
  const { provider, spec } = await providerOrNotFound(type, token, rawBody);
  return { provider, spec, ...(await withElevated('webhooks.receive', (tx) => lookup(tx, provider, token, rawBody))) };
}

/** Meta's subscription check (GET with hub.challenge). */
export async function answerChallenge(req: NextRequest, type: string, token: string): Promise<Response> {
  const { spec, credentials } = await resolve(type, token, Buffer.alloc(0));
  const answer = spec.challenge && credentials ? spec.challenge(inboundRequest(req, Buffer.alloc(0)), credentials) : null;
  if (!answer) throw new AppError(400, 'bad_request', 'This address receives POSTed callbacks; a GET is only a subscription check.');
  if (answer.status !== 200) throw new AppError(403, 'forbidden', 'The verify token does not match the one saved on this integration.');
  return new Response(answer.body, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

async function verify(spec: WebhookSpec<Record<string, unknown>>, req: InboundRequest, credentials: Record<string, unknown> | null): Promise<VerifyOutcome> {
  if (!credentials) return { ok: false, reason: 'not_configured' };
  const probe = createProbeContext(5000);
  try {
    return await spec.verify(req, credentials, { request: probe.request, baseUrl: probe.baseUrl, now: () => new Date() });
  } catch (error) {
    // An online check (PayPal) that could not reach the provider: the provider retries later.
    if (!(error instanceof ProbeFailure)) throw error;
    throw new AppError(503, 'unavailable', 'The signature could not be checked right now; deliver it again later.');
  } finally {
    probe.dispose();
  }
}

type Received = { receiver: Receiver; outcome: VerifyOutcome; result?: 'queued' | 'duplicate' | 'ignored' };

export async function receiveDelivery(req: NextRequest, type: string, token: string): Promise<Response> {
  const rawBody = await readRawBody(req, MAX_WEBHOOK_BYTES);
  const { provider, spec } = await providerOrNotFound(type, token, rawBody);
  const inbound = inboundRequest(req, rawBody);
  let received: Received;
  if (spec.online) {
    // Checked over the network: no database connection is held while the provider answers.
    const { receiver, credentials } = await withElevated('webhooks.receive', (tx) => lookup(tx, provider, token, rawBody));
    const outcome = await verify(spec, inbound, credentials);
    received = { receiver, outcome };
    if (outcome.ok && !outcome.delivery.reply) received.result = await withElevated('webhooks.receive', (tx) => accept(tx, receiver, provider, outcome.delivery));
  } else {
    // Checked in memory: found, verified, logged and queued in one transaction.
    received = await withElevated('webhooks.receive', async (tx): Promise<Received> => {
      const { receiver, credentials } = await lookup(tx, provider, token, rawBody);
      const outcome = await verify(spec, inbound, credentials);
      return { receiver, outcome, ...(outcome.ok && !outcome.delivery.reply ? { result: await accept(tx, receiver, provider, outcome.delivery) } : {}) };
    });
  }
  const { receiver, outcome } = received;
  if (!outcome.ok) {
    await recordRejection(receiver, provider, outcome).catch((error: unknown) =>
      logger.error({ err: error instanceof Error ? error.message : String(error), type }, 'could not record a rejected webhook'),
    );
    if (outcome.reason === 'unreadable') throw new AppError(400, 'bad_request', reasons.unreadable);
    throw new AppError(401, 'bad_signature', reasons[outcome.reason]);
  }
  const { reply } = outcome.delivery;
  if (reply) return new Response(reply.body, { status: reply.status, headers: { 'content-type': reply.contentType } });
  return Response.json({ received: true, ...(received.result === 'duplicate' ? { duplicate: true } : {}) });
}

type Params = { type: string; id: string };

/** The route's handlers (app/api/webhooks/[type]/[id]): public, each delivery authenticated by its signature. */
export const callbackRoute = {
  GET: apiRoute<Params>(async (req, { params }) => {
    const { type, id } = await params;
    return answerChallenge(req, type, id);
  }),
  POST: apiRoute<Params>(
    async (req, { params }) => {
      const { type, id } = await params;
      return receiveDelivery(req, type, id);
    },
    { signed: true },
  ),
};
