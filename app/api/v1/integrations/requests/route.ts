import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { listRequests } from '@/lib/gateway/log';
import { apiRoute, readQuery } from '@/lib/http/route';
import { requestFilterSchema } from '@/lib/validations/gateway';

// Any member may read the log: the service and RLS narrow it to what their role may see.
export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'requests:read' });
    const filters = requestFilterSchema.parse(readQuery(req));
    return NextResponse.json(await listRequests(actor, filters));
  },
  { tokens: true },
);
