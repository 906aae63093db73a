import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { numberHistory } from '@/lib/phone/history';

/** Who held this number, newest first. Team leads and admins. */
export const GET = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin', 'manager'], scope: 'settings:read' });
    const { id } = await params;
    return NextResponse.json({ success: true, data: await numberHistory(actor, id) });
  },
  { tokens: true },
);
