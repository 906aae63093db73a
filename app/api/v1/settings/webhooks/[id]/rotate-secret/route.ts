import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { rotateSecret } from '@/lib/webhooks/outbound/endpoints';
import { webhookIdSchema } from '@/lib/validations/webhooks';

/** A new signing secret, answered this once; the old one keeps signing beside it for 24 hours. */
export const POST = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { id } = webhookIdSchema.parse(await params);
    const { endpoint, secret } = await rotateSecret(actor, id);
    return NextResponse.json({ data: endpoint, secret }, { headers: { 'cache-control': 'no-store' } });
  },
  { tokens: true },
);
