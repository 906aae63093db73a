import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { apiRoute } from '@/lib/http/route';
import { listIntegrations } from '@/lib/integrations/status';

/** Every integration the caller may see, with its status. Never a secret or a hint. */
export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'settings:read' });
    const integrations = await listIntegrations(actor);
    return NextResponse.json({ integrations, count: integrations.length });
  },
  { tokens: true },
);
