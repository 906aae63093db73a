import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { apiRoute, readQuery } from '@/lib/http/route';
import { listNumbers } from '@/lib/phone/numbers';
import { numberFilterSchema } from '@/lib/validations/phone-numbers';

/**
 * The organization's phone numbers (agents: the ones assigned to them), in the seed's shape
 * `{ success, data }`. Optional filters: q, status (assigned|unassigned|inactive|all), assignee, source.
 */
export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'settings:read' });
    const filters = numberFilterSchema.parse(readQuery(req));
    const { numbers, total } = await listNumbers(actor, filters, { all: true });
    return NextResponse.json({ success: true, data: numbers, total });
  },
  { tokens: true },
);
