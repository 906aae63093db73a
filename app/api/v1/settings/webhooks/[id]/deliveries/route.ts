import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { listDeliveries } from '@/lib/webhooks/outbound/deliveries';
import { webhookIdSchema } from '@/lib/validations/webhooks';

/** The endpoint's newest 100 deliveries, each with its attempts. */
export const GET = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:read' });
    const { id } = webhookIdSchema.parse(await params);
    return NextResponse.json({ data: await listDeliveries(actor, id) });
  },
  { tokens: true },
);
