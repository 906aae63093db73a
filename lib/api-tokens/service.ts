import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { hashSecretToken, mintSecretToken } from '@/lib/crypto/tokens';
import { withElevated, type OrgRole } from '@/lib/db/rls';
import { forbidden, notFound } from '@/lib/http/errors';
import { apiTokenScopeIds, scopesForAudit, type ApiTokenScope } from '@/lib/validations/api-token-scopes';
import type { CreateApiTokenInput } from '@/lib/validations/api-tokens';

// Organization API tokens: `sbt_` + 32 random bytes. Only a SHA-256 is stored; the token is shown once.
// Managing them is for admins; `authenticateApiToken` is the one entry point without an actor, as it
// is how a token's caller becomes one.

const PREFIX = 'sbt_';

/** Admins only (checked here, not left to the caller): tokens act with an admin's authority. */
function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('Only admins can manage API tokens.');
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  role: 'admin' | 'manager';
  scopes: ApiTokenScope[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  requireAdmin(actor);
  const rows = await actor.db((tx) =>
    tx.query<{ id: string; name: string; token_prefix: string; role: 'admin' | 'manager'; scopes: string[]; email: string | null; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
      `select t.id, t.name, t.token_prefix, t.role, t.scopes, u.email, t.created_at, t.last_used_at, t.revoked_at
         from public.api_tokens t left join public.users u on u.id = t.created_by
        where t.organization_id = $1
        order by t.revoked_at is not null, t.created_at desc`,
      [actor.orgId],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.token_prefix,
    role: r.role,
    scopes: knownScopes(r.scopes),
    createdBy: r.email,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

/** Creates a token and returns it in full: the only time it is ever seen. */
export async function createApiToken(actor: Actor, input: CreateApiTokenInput): Promise<{ id: string; token: string }> {
  requireAdmin(actor);
  const { token, hash } = mintSecretToken(PREFIX);
  const prefix = token.slice(0, 12);
  // Stored once each, in the catalogue's order; anything unknown is left for the database to refuse.
  const scopes = [...new Set([...apiTokenScopeIds.filter((s) => input.scopes.includes(s)), ...input.scopes])];
  const id = await actor.db(async (tx) => {
    const row = await tx.one<{ id: string }>(
      `insert into public.api_tokens (organization_id, name, token_prefix, token_hash, role, scopes, created_by)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [actor.orgId, input.name, prefix, hash, input.role, scopes, actor.userId],
    );
    await writeAudit(tx, actor.audit, {
      action: 'api_token.created',
      orgId: actor.orgId,
      targetType: 'api_token',
      targetId: row!.id,
      metadata: { name: input.name, role: input.role, scopes: scopesForAudit(scopes), prefix },
    });
    return row!.id;
  });
  return { id, token };
}

export async function revokeApiToken(actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await actor.db(async (tx) => {
    const row = await tx.one<{ id: string; name: string; token_prefix: string }>(
      `update public.api_tokens set revoked_at = now(), revoked_by = $3
        where id = $1 and organization_id = $2 and revoked_at is null
        returning id, name, token_prefix`,
      [id, actor.orgId, actor.userId],
    );
    if (!row) throw notFound('The token');
    await writeAudit(tx, actor.audit, {
      action: 'api_token.revoked',
      orgId: actor.orgId,
      targetType: 'api_token',
      targetId: row.id,
      metadata: { name: row.name, prefix: row.token_prefix },
    });
  });
}

export interface TokenIdentity {
  tokenId: string;
  name: string;
  orgId: string;
  userId: string;
  /** The lower of the token's role and its creator's current role. */
  role: OrgRole;
  scopes: ApiTokenScope[];
}

/** The stored scopes this code knows (the database admits no others; an older build may know fewer). */
function knownScopes(stored: string[]): ApiTokenScope[] {
  return apiTokenScopeIds.filter((s) => stored.includes(s));
}

const RANK: Record<OrgRole, number> = { agent: 0, manager: 1, admin: 2 };

/**
 * Finds a live token by hash, as long as its creator is still a member of an active organization.
 * Records the use at most once a minute, so busy integrations do not write on every request.
 */
export async function authenticateApiToken(token: string): Promise<TokenIdentity | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  return withElevated('api-token.authenticate', async (tx) => {
    const row = await tx.one<{ id: string; name: string; organization_id: string; created_by: string; role: OrgRole; scopes: string[]; member_role: OrgRole; stale: boolean }>(
      `select t.id, t.name, t.organization_id, t.created_by, t.role, t.scopes, m.role as member_role,
              (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
         from public.api_tokens t
         join public.memberships m on m.org_id = t.organization_id and m.user_id = t.created_by
         join public.organizations o on o.id = t.organization_id and o.status = 'active'
        where t.token_hash = $1 and t.revoked_at is null`,
      [hashSecretToken(token)],
    );
    if (!row) return null;
    if (row.stale) await tx.query(`update public.api_tokens set last_used_at = now() where id = $1`, [row.id]);
    const role = RANK[row.member_role] < RANK[row.role] ? row.member_role : row.role;
    return { tokenId: row.id, name: row.name, orgId: row.organization_id, userId: row.created_by, role, scopes: knownScopes(row.scopes) };
  });
}
