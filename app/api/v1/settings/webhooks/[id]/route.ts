import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readJson } from '@/lib/http/route';
import { deleteEndpoint, getEndpoint, updateEndpoint } from '@/lib/webhooks/outbound/endpoints';
import { updateWebhookSchema, webhookIdSchema } from '@/lib/validations/webhooks';

type Params = { id: string };

export const GET = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:read' });
    const { id } = webhookIdSchema.parse(await params);
    return NextResponse.json({ data: await getEndpoint(actor, id) });
  },
  { tokens: true },
);

/** Changes `{ url?, description?, event_types?, enabled? }`; enabling again clears the failure run. */
export const PATCH = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { id } = webhookIdSchema.parse(await params);
    const input = updateWebhookSchema.parse(await readJson(req));
    return NextResponse.json({ data: await updateEndpoint(actor, id, input) });
  },
  { tokens: true },
);

/** Removes the endpoint with its delivery log. */
export const DELETE = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { id } = webhookIdSchema.parse(await params);
    await deleteEndpoint(actor, id);
    return new NextResponse(null, { status: 204 });
  },
  { tokens: true },
);
