import 'server-only';
import type { OrgRole, Tx } from '@/lib/db/rls';
import { forbidden, unauthorized } from '@/lib/http/errors';
import { getViewer, viewerDb, type Membership, type Viewer } from './session';

// Called on the first line of every server action, route handler and protected page. proxy.ts only
// redirects for comfort; these are the checks that hold.

export interface UserContext extends Viewer {
  /** Runs fn in one RLS transaction as this user. */
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface OrgContext extends UserContext {
  active: Membership;
  orgId: string;
  role: OrgRole;
}

export async function requireUser(): Promise<UserContext> {
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  return { ...viewer, db: (fn) => viewerDb(viewer, fn) };
}

/** A member of the active organization holding one of `roles`. */
export async function requireOrgRole(...roles: [OrgRole, ...OrgRole[]]): Promise<OrgContext> {
  const ctx = await requireUser();
  const active = ctx.active;
  if (!active) throw forbidden('You are not a member of any organization.');
  if (!roles.includes(active.role)) throw forbidden();
  return { ...ctx, active, orgId: active.orgId, role: active.role };
}

export async function requireSuperadmin(): Promise<UserContext> {
  const ctx = await requireUser();
  if (!ctx.user.isSuperadmin) throw forbidden();
  return ctx;
}

export const ALL_ROLES: [OrgRole, ...OrgRole[]] = ['admin', 'manager', 'agent'];
