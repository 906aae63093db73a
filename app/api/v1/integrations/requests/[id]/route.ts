import { NextResponse } from 'next/server';
import * as z from 'zod/mini';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { getRequest } from '@/lib/gateway/log';
import { notFound } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';

const uuid = z.uuid();

export const GET = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'requests:read' });
    const { id } = await params;
    // Something that is not an id names no request, as much as another organization's id does.
    if (!uuid.safeParse(id).success) throw notFound('The request');
    return NextResponse.json({ data: await getRequest(actor, id) });
  },
  { tokens: true },
);
