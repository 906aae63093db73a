import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { sendTestEvent } from '@/lib/webhooks/outbound/deliveries';
import { webhookIdSchema } from '@/lib/validations/webhooks';

/** Queues a `webhook.test` event to this endpoint alone: 202 with the delivery's id. */
export const POST = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { id } = webhookIdSchema.parse(await params);
    return NextResponse.json({ data: await sendTestEvent(actor, id) }, { status: 202 });
  },
  { tokens: true },
);
