import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { getRequest } from '@/lib/gateway/log';
import { apiRoute } from '@/lib/http/route';
import { notFound } from '@/lib/http/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where an SMS is now, in the seed's shape `{ success, data }`; any request id of the organization works. */
export const GET = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'requests:read' });
    const { id } = await params;
    if (!UUID.test(id)) throw notFound('The message');
    const request = await getRequest(actor, id);
    return NextResponse.json({
      success: true,
      data: { id: request.id, channel: request.channel, status: request.status, providerMessageId: request.providerMessageId, error: request.error, createdAt: request.createdAt, sentAt: request.sentAt, completedAt: request.completedAt },
    });
  },
  { tokens: true },
);
