'use server';

import { revalidatePath } from 'next/cache';
import { setActiveOrganization } from '@/lib/auth/session';
import { userAction } from '@/lib/http/action';
import { notFound } from '@/lib/http/errors';
import { switchOrganizationSchema } from '@/lib/validations/membership';

/** Makes another of the user's organizations the active one. Organizations they don't belong to are not found. */
export const switchOrganization = userAction({ schema: switchOrganizationSchema }, async ({ orgId }, ctx) => {
  const membership = ctx.memberships.find((m) => m.orgId === orgId);
  if (!membership) throw notFound('The organization');
  await setActiveOrganization(orgId);
  revalidatePath('/', 'layout');
  return { orgId, orgName: membership.orgName, role: membership.role };
});
