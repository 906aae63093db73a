import 'server-only';
import type { OrgRole, Tx } from '@/lib/db/rls';
import { recordAccessDenied } from '@/lib/audit/write';
import { forbidden, unauthorized } from '@/lib/http/errors';
import { orgRoles } from '@/lib/validations/common';
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
  if (!active || !roles.includes(active.role)) {
    await recordAccessDenied(actorOf(ctx), active?.orgId ?? null, { required_role: roles.join(','), role: active?.role ?? null });
    throw active ? forbidden() : forbidden('You are not a member of any organization.');
  }
  return { ...ctx, active, orgId: active.orgId, role: active.role };
}

/**
 * The viewer as an admin of their active organization, or null when they are not one. For parts of a
 * page only admins see (banners): a quiet check, with no refusal to record.
 */
export function adminContextOf(viewer: Viewer): OrgContext | null {
  const active = viewer.active;
  if (active?.role !== 'admin') return null;
  return { ...viewer, db: (fn) => viewerDb(viewer, fn), active, orgId: active.orgId, role: active.role };
}

export async function requireSuperadmin(): Promise<UserContext> {
  const ctx = await requireUser();
  if (!ctx.user.isSuperadmin) {
    await recordAccessDenied(actorOf(ctx), ctx.active?.orgId ?? null, { required_role: 'superadmin', role: ctx.active?.role ?? null });
    throw forbidden();
  }
  return ctx;
}

/** How the audit trail names this person. */
export function actorOf(ctx: Viewer) {
  return { type: 'user' as const, id: ctx.user.id, label: ctx.user.email };
}

export const ALL_ROLES: [OrgRole, ...OrgRole[]] = [...orgRoles];
