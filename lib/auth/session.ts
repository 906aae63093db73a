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
  // One statement: the user and their memberships in active organizations, by organization name.
  const loaded = await withRls(claims, (tx) =>
    tx.one<{ id: string; email: string; name: string; is_superadmin: boolean; memberships: { id: string; org_id: string; slug: string; name: string; role: OrgRole; created_at: string }[] }>(
      `select u.id, u.email, u.name, u.is_superadmin,
              coalesce((select json_agg(json_build_object('id', m.id, 'org_id', m.org_id, 'slug', o.slug, 'name', o.name, 'role', m.role, 'created_at', m.created_at)
                                        order by o.name)
                          from public.memberships m
                          join public.organizations o on o.id = m.org_id
                         where m.user_id = u.id and o.status = 'active'), '[]') as memberships
         from public.users u where u.id = $1`,
      [userId],
    ),
  );
  if (!loaded) return null;

  // Without a choice, the organization joined first: being added somewhere new never silently
  // changes where a person's work goes.
  const earliest = [...loaded.memberships].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))[0];
  const memberships: Membership[] = loaded.memberships.map((m) => ({ membershipId: m.id, orgId: m.org_id, orgSlug: m.slug, orgName: m.name, role: m.role }));
  const chosen = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  const active = memberships.find((m) => m.orgId === chosen) ?? memberships.find((m) => m.orgId === earliest?.org_id) ?? null;

  return {
    user: { id: loaded.id, email: loaded.email, name: loaded.name, isSuperadmin: loaded.is_superadmin },
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
