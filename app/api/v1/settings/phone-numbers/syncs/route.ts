import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { latestSyncs } from '@/lib/phone/sync';

/** The latest sync of each source, with its progress. Team leads and admins. */
export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ['admin', 'manager'], scope: 'settings:read' });
    return NextResponse.json({ success: true, data: await latestSyncs(actor) });
  },
  { tokens: true },
);
