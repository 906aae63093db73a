import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { organizationHealth } from '@/lib/integrations/health';
import { apiRoute } from '@/lib/http/route';

/** Each integration's state, queue and last hour's success rate, from stored state only (cheap to poll). */
export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ['admin', 'manager'], scope: 'settings:read' });
    return NextResponse.json({ data: await organizationHealth(actor.orgId) }, { headers: { 'cache-control': 'no-store' } });
  },
  { tokens: true },
);
