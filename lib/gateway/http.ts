import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { requireActor, type Actor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { apiRoute, readJson } from '@/lib/http/route';
import type { ApiTokenScope } from '@/lib/validations/api-token-scopes';
import { acceptSend, idempotencyKeyOf, type SendRequest } from './accept';

// The send endpoints all work alike: any member (or a token with the scope) may call them, the body is
// parsed with the endpoint's schema, and the request is accepted with 202 before anything is sent.

interface Parser<T> {
  parse(value: unknown): T;
}

export function sendRoute<T>(scope: ApiTokenScope, schema: Parser<T>, build: (input: T, actor: Actor) => Promise<SendRequest> | SendRequest) {
  return apiRoute(
    async (req: NextRequest) => {
      const actor = await requireActor(req, { roles: ALL_ROLES, scope });
      const key = idempotencyKeyOf(req.headers.get('idempotency-key'));
      const body = await readJson(req);
      const request = await build(schema.parse(body), actor);
      const accepted = await acceptSend(actor, request, { key, body, path: req.nextUrl.pathname });
      return NextResponse.json(accepted.body, { status: accepted.status });
    },
    { tokens: true },
  );
}
