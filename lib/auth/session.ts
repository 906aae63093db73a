import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { getServerSession } from 'next-auth';
import { withRls, type OrgRole, type RlsClaims, type Tx } from '@/lib/db/rls';
import { authOptions } from './options';

export const ACTIVE_ORG_COOKIE = 'switchboard.org';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isSuperadmin: boolean;
}

export interface Membership {
  membershipId: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  role: OrgRole;
}

export interface Viewer {
  user: SessionUser;
  memberships: Membership[];
  /** The organization this request acts in: the chosen one if still a member, else the one joined first. */
  active: Membership | null;
}

/**
 * The signed-in person for this request, re-read from the database (cached per request): a deleted
 * user, a removed membership or a suspended organization takes effect on the next request, whatever
 * the session cookie says.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // Reading the request first makes every page that asks who is signed in render per request, so
  // `next build` never evaluates the session (and needs no secrets or database).
  await connection();
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;

  const claims: RlsClaims = { userId, orgId: null, orgRole: null, isSuperadmin: false };
  const loaded = await withRls(claims, async (tx) => {
    const user = await tx.one<{ id: string; email: string; name: string; is_superadmin: boolean }>(
      `select id, email, name, is_superadmin from public.users where id = $1`,
      [userId],
    );
    const memberships = await tx.query<{ id: string; org_id: string; slug: string; name: string; role: OrgRole; created_at: Date }>(
      `select m.id, m.org_id, o.slug, o.name, m.role, m.created_at
         from public.memberships m
         join public.organizations o on o.id = m.org_id
        where m.user_id = $1 and o.status = 'active'
        order by o.name`,
      [userId],
    );
    return { user, memberships };
  });
  if (!loaded.user) return null;

  const memberships: Membership[] = loaded.memberships.map((m) => ({
    membershipId: m.id,
    orgId: m.org_id,
    orgSlug: m.slug,
    orgName: m.name,
    role: m.role,
  }));
  const chosen = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  // Without a choice, the organization joined first: being added somewhere new never silently
  // changes where a person's work goes.
  const earliest = [...loaded.memberships].sort((a, b) => a.created_at.getTime() - b.created_at.getTime())[0];
  const active = memberships.find((m) => m.orgId === chosen) ?? memberships.find((m) => m.orgId === earliest?.org_id) ?? null;

  return {
    user: {
      id: loaded.user.id,
      email: loaded.user.email,
      name: loaded.user.name,
      isSuperadmin: loaded.user.is_superadmin,
    },
    memberships,
    active,
  };
});

/** Runs fn under RLS as the viewer, in their active organization (if any). */
export function viewerDb<T>(viewer: Viewer, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRls(
    {
      userId: viewer.user.id,
      orgId: viewer.active?.orgId ?? null,
      orgRole: viewer.active?.role ?? null,
      isSuperadmin: viewer.user.isSuperadmin,
    },
    fn,
  );
}

/** Makes an organization the one this browser acts in (the caller has checked the membership). */
export async function setActiveOrganization(orgId: string): Promise<void> {
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
}
