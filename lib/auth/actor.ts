import 'server-only';
import type { NextRequest } from 'next/server';
import { recordAccessDenied, type AuditActor } from '@/lib/audit/write';
import { authenticateApiToken } from '@/lib/api-tokens/service';
import { withRls, type OrgRole, type Tx } from '@/lib/db/rls';
import { AppError, forbidden } from '@/lib/http/errors';
import { scopesForAudit, type ApiTokenScope } from '@/lib/validations/api-token-scopes';
import { actorOf, requireOrgRole, type OrgContext } from './guards';

/**
 * Who is acting in an organization, whether signed in with a session or calling the REST API with an
 * organization token. Services take this, so both paths run the same checks and the same RLS.
 */
export interface Actor {
  orgId: string;
  role: OrgRole;
  userId: string;
  /** What an API token was created for; null for a signed-in member, whom only the role limits. */
  scopes: readonly ApiTokenScope[] | null;
  audit: AuditActor;
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function actorFromSession(ctx: OrgContext): Actor {
  return { orgId: ctx.orgId, role: ctx.role, userId: ctx.user.id, scopes: null, audit: actorOf(ctx), db: ctx.db };
}

export function bearerToken(req: NextRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * Refuses (403 `insufficient_scope`, recorded as access denied) an API token that was not created
 * for this kind of request. Sessions pass: scopes are what a token was made for, not a member's limit.
 */
export async function requireScope(actor: Actor, scope: ApiTokenScope): Promise<void> {
  if (actor.scopes === null || actor.scopes.includes(scope)) return;
  await recordAccessDenied(actor.audit, actor.orgId, { required_scope: scope, scopes: scopesForAudit(actor.scopes) });
  throw new AppError(403, 'insufficient_scope', `This API token lacks the "${scope}" scope.`);
}

export interface ActorRequirements {
  /** The roles that may make this request (a token's role is capped at its creator's). */
  roles: readonly [OrgRole, ...OrgRole[]];
  /** The scope an API token needs for it: `…:read` for reads, `…:write` for changes. */
  scope: ApiTokenScope;
}

/**
 * An Authorization: Bearer token when one is sent (and then only the token counts), else the session.
 * The role check comes first, then the token's scope, before any input is read.
 */
export async function requireActor(req: NextRequest, { roles, scope }: ActorRequirements): Promise<Actor> {
  const token = bearerToken(req);
  if (token === null) return actorFromSession(await requireOrgRole(...roles));

  const identity = await authenticateApiToken(token);
  if (!identity) throw new AppError(401, 'unauthorized', 'The API token is invalid or has been revoked.');
  const audit: AuditActor = { type: 'api_token', id: identity.tokenId, label: identity.name };
  if (!roles.includes(identity.role)) {
    await recordAccessDenied(audit, identity.orgId, { required_role: roles.join(','), role: identity.role });
    throw forbidden('This API token may not do this.');
  }
  const actor: Actor = {
    orgId: identity.orgId,
    role: identity.role,
    userId: identity.userId,
    scopes: identity.scopes,
    audit,
    db: (fn) => withRls({ userId: identity.userId, orgId: identity.orgId, orgRole: identity.role, isSuperadmin: false, tokenId: identity.tokenId }, fn),
  };
  await requireScope(actor, scope);
  return actor;
}
