import { NextResponse } from 'next/server';
import { requireUser } from '@/lib/auth/guards';
import { apiRoute } from '@/lib/http/route';
import { ownPhone } from '@/lib/team/profile';

/** The signed-in person, their organizations and their own phone (E.164 or null). */
export const GET = apiRoute(async () => {
  const ctx = await requireUser();
  return NextResponse.json({
    user: { ...ctx.user, phone: await ownPhone(ctx) },
    memberships: ctx.memberships.map(({ orgId, orgSlug, orgName, role }) => ({ orgId, orgSlug, orgName, role })),
    activeOrgId: ctx.active?.orgId ?? null,
  });
});
