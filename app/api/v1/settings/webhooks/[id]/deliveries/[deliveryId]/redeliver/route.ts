import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { redeliver } from '@/lib/webhooks/outbound/deliveries';
import { deliveryIdSchema } from '@/lib/validations/webhooks';

/** Queues the delivery's event to the endpoint again, as a new delivery: 202 with its id. */
export const POST = apiRoute<{ id: string; deliveryId: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { id, deliveryId } = deliveryIdSchema.parse(await params);
    return NextResponse.json({ data: await redeliver(actor, id, deliveryId) }, { status: 202 });
  },
  { tokens: true },
);
