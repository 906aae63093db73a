import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readJson } from '@/lib/http/route';
import { createEndpoint, listEndpoints } from '@/lib/webhooks/outbound/endpoints';
import { createWebhookSchema } from '@/lib/validations/webhooks';

/** The organization's webhook endpoints. Admins, or a token with settings:read. */
export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:read' });
    return NextResponse.json({ data: await listEndpoints(actor) });
  },
  { tokens: true },
);

/**
 * Registers an endpoint, `{ url, description?, event_types }`: 201 with the endpoint and its signing
 * secret, the only time the secret is ever answered.
 */
export const POST = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const input = createWebhookSchema.parse(await readJson(req));
    const { endpoint, secret } = await createEndpoint(actor, input);
    return NextResponse.json({ data: endpoint, secret }, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
  { tokens: true },
);
