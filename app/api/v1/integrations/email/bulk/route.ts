import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { acceptMany, idempotencyKeyOf } from '@/lib/gateway/accept';
import { emailRequest } from '@/lib/gateway/messages';
import { apiRoute, readJson } from '@/lib/http/route';
import { emailBulkSchema } from '@/lib/validations/gateway';

/** One email to each of up to 1,000 recipients `{ to: [...], subject, html?, text? }`: one request each, 202 with their ids. */
export const POST = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'messages:send' });
    const key = idempotencyKeyOf(req.headers.get('idempotency-key'));
    const body = await readJson(req);
    const input = emailBulkSchema.parse(body);
    const requests = [...new Set(input.to)].map((to) => emailRequest({ to, subject: input.subject, html: input.html, text: input.text }));
    const accepted = await acceptMany(actor, requests, { key, body, path: req.nextUrl.pathname });
    return NextResponse.json(accepted.body, { status: accepted.status });
  },
  { tokens: true },
);
