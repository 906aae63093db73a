'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { ACTIVE_ORG_COOKIE } from '@/lib/auth/session';
import { userAction } from '@/lib/http/action';
import { notFound } from '@/lib/http/errors';
import { switchOrganizationSchema } from '@/lib/validations/membership';

/** Makes another of the user's organizations the active one. Organizations they don't belong to are not found. */
export const switchOrganization = userAction({ schema: switchOrganizationSchema }, async ({ orgId }, ctx) => {
  const membership = ctx.memberships.find((m) => m.orgId === orgId);
  if (!membership) throw notFound('The organization');
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
  revalidatePath('/', 'layout');
  return { orgId, orgName: membership.orgName, role: membership.role };
});
