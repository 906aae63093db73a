import { NextResponse } from 'next/server';
import { requireUser } from '@/lib/auth/guards';
import { apiRoute } from '@/lib/http/route';

export const GET = apiRoute(async () => {
  const ctx = await requireUser();
  return NextResponse.json({
    user: ctx.user,
    memberships: ctx.memberships.map(({ orgId, orgSlug, orgName, role }) => ({ orgId, orgSlug, orgName, role })),
    activeOrgId: ctx.active?.orgId ?? null,
  });
});
