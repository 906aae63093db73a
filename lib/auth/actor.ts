import 'server-only';
import type { NextRequest } from 'next/server';
import { recordAccessDenied, type AuditActor } from '@/lib/audit/write';
import { authenticateApiToken } from '@/lib/api-tokens/service';
import { withRls, type OrgRole, type Tx } from '@/lib/db/rls';
import { AppError, forbidden } from '@/lib/http/errors';
import { actorOf, requireOrgRole, type OrgContext } from './guards';

/**
 * Who is acting in an organization, whether signed in with a session or calling the REST API with an
 * organization token. Services take this, so both paths run the same checks and the same RLS.
 */
export interface Actor {
  orgId: string;
  role: OrgRole;
  userId: string;
  audit: AuditActor;
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function actorFromSession(ctx: OrgContext): Actor {
  return { orgId: ctx.orgId, role: ctx.role, userId: ctx.user.id, audit: actorOf(ctx), db: ctx.db };
}

export function bearerToken(req: NextRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * An Authorization: Bearer token when one is sent (and then only the token counts), else the session.
 * The role check comes first, before any input is read.
 */
export async function requireActor(req: NextRequest, ...roles: [OrgRole, ...OrgRole[]]): Promise<Actor> {
  const token = bearerToken(req);
  if (token === null) return actorFromSession(await requireOrgRole(...roles));

  const identity = await authenticateApiToken(token);
  if (!identity) throw new AppError(401, 'unauthorized', 'The API token is invalid or has been revoked.');
  const audit: AuditActor = { type: 'api_token', id: identity.tokenId, label: identity.name };
  if (!roles.includes(identity.role)) {
    await recordAccessDenied(audit, identity.orgId, { required_role: roles.join(','), role: identity.role });
    throw forbidden('This API token may not do this.');
  }
  return {
    orgId: identity.orgId,
    role: identity.role,
    userId: identity.userId,
    audit,
    db: (fn) => withRls({ userId: identity.userId, orgId: identity.orgId, orgRole: identity.role, isSuperadmin: false, tokenId: identity.tokenId }, fn),
  };
}
