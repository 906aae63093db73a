import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { requireActor, type Actor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { idempotencyKeyOf } from '@/lib/gateway/accept';
import { withElevated } from '@/lib/db/rls';
import { AppError, invalid } from '@/lib/http/errors';
import { apiRoute, readJson } from '@/lib/http/route';
import type { ApiTokenScope } from '@/lib/validations/api-token-scopes';
import { findOperation, type FoundOperation } from './registry';
import { runOperation } from './run';

// The operation endpoints: the generic `/integrations/{type}/actions/{action}` and the seed's own
// paths all come here. The operation is found first, so the caller's role and token scope are
// checked before any input is read; the input is then assembled from the path, query and body.

type Params = Record<string, string>;

interface Target {
  type: string;
  action: string;
}

const scopeOf = (found: FoundOperation): ApiTokenScope => `${found.declaration.family}:${found.declaration.access}` as ApiTokenScope;

/** The JSON body of a write (an empty body is an empty object), or nothing for a read. */
export async function bodyOf(req: NextRequest): Promise<Record<string, unknown>> {
  if (req.method === 'GET' || req.method === 'DELETE') return {};
  const body = await readJson(req).catch((error: unknown) => {
    if (req.headers.get('content-length') === '0') return {};
    throw error;
  });
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError(400, 'bad_request', 'Send the operation’s input as a JSON object.');
  return body as Record<string, unknown>;
}

async function respond(actor: Actor, req: NextRequest, found: FoundOperation, input: unknown): Promise<Response> {
  const answer = await runOperation(actor, {
    type: found.type,
    action: found.action,
    input,
    key: idempotencyKeyOf(req.headers.get('idempotency-key')),
    path: req.nextUrl.pathname,
    // A session calls from the portal's own pages (Try it); a token is an API caller.
    source: actor.scopes === null ? 'portal' : 'api',
  });
  const error = answer.body.error as { retry_after_seconds?: number | null } | undefined;
  const headers = error?.retry_after_seconds ? { 'retry-after': String(error.retry_after_seconds) } : undefined;
  return NextResponse.json(answer.body, { status: answer.status, headers });
}

/** One provider's operation at a path of its own; `input` builds its input from the request. */
export function operationRoute<P extends Params = Params>(target: Target | ((params: P) => Target), input: (req: NextRequest, params: P) => Promise<unknown> | unknown) {
  return apiRoute<P>(
    async (req, { params }) => {
      const p = await params;
      const { type, action } = typeof target === 'function' ? target(p) : target;
      const found = findOperation(type, action);
      const actor = await requireActor(req, { roles: ALL_ROLES, scope: scopeOf(found) });
      return respond(actor, req, found, await input(req, p));
    },
    { tokens: true },
  );
}

/**
 * An operation on a payment the caller names by id, whichever provider took it (the seed's status
 * and refund paths): the organization's request log says which. Another organization's payment,
 * or one never made through the portal, is not found.
 */
export function paymentRoute<P extends Params = Params>(action: 'get_payment' | 'refund', access: 'read' | 'write', input: (req: NextRequest, params: P) => Promise<Record<string, unknown>>) {
  return apiRoute<P>(
    async (req, { params }) => {
      const p = await params;
      const actor = await requireActor(req, { roles: ALL_ROLES, scope: `payments:${access}` });
      const values = await input(req, p);
      const paymentId = typeof values.paymentId === 'string' ? values.paymentId.trim() : '';
      if (!paymentId) throw invalid({ paymentId: ['Give the payment’s id, as its create call answered it (pi_… or a PayPal order id).'] });
      const type = await paymentProvider(actor, paymentId);
      return respond(actor, req, findOperation(type, action), { ...values, paymentId });
    },
    { tokens: true },
  );
}

async function paymentProvider(actor: Actor, paymentId: string): Promise<string> {
  const row =
    paymentId.length > 0 && paymentId.length <= 200
      ? await withElevated('operations.run', (tx) =>
          tx.one<{ integration_type: string }>(
            `select integration_type from public.outbound_requests
              where organization_id = $1 and channel = 'payments' and kind = 'operation' and provider_message_id = $2
              order by created_at limit 1`,
            [actor.orgId, paymentId],
          ),
        )
      : undefined;
  if (!row) throw new AppError(404, 'not_found', 'No payment with this id was made through this organization’s integrations.');
  return row.integration_type;
}
