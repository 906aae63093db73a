import { describe, expect, it } from 'vitest';
import { NextRequest, NextResponse } from 'next/server';
import * as z from 'zod/mini';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { requireActor, requireScope } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { mintSecretToken } from '@/lib/crypto/tokens';
import { apiRoute } from '@/lib/http/route';
import { apiTokenScopeIds, type ApiTokenScope } from '@/lib/validations/api-token-scopes';
import { createApiTokenSchema } from '@/lib/validations/api-tokens';
import { authenticateApiToken, createApiToken, listApiTokens } from './service';

const db = seededDatabase();

const tokensOf = async (org: FreshOrganization) =>
  (await db.owner.query<{ name: string; scopes: string[] }>(`select name, scopes from api_tokens where organization_id = $1 order by created_at`, [org.id])).rows;

// A route as the REST API declares one: tokens accepted, the roles and the scope it needs named once.
const routeNeeding = (scope: ApiTokenScope) =>
  apiRoute(
    async (req) => {
      const actor = await requireActor(req, { roles: ALL_ROLES, scope });
      return NextResponse.json({ scopes: actor.scopes });
    },
    { tokens: true },
  );
const call = (route: ReturnType<typeof routeNeeding>, token: string) =>
  route(new NextRequest('http://portal.test/api/v1/settings/integrations', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

describe('API token scopes', () => {
  it('are stored as chosen (once each, in the listed order), listed, audited and carried by the token', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    const { id, token } = await createApiToken(admin, { name: 'Gateway', role: 'admin', scopes: ['messages:send', 'settings:read', 'messages:send'] });

    expect(await tokensOf(org)).toEqual([{ name: 'Gateway', scopes: ['settings:read', 'messages:send'] }]);
    expect((await listApiTokens(admin))[0]).toMatchObject({ id, scopes: ['settings:read', 'messages:send'] });
    expect(await authenticateApiToken(token)).toMatchObject({ tokenId: id, scopes: ['settings:read', 'messages:send'] });
    const audit = await db.owner.query(`select metadata from integration_audit_logs where org_id = $1 and action = 'api_token.created'`, [org.id]);
    expect(audit.rows).toEqual([{ metadata: { name: 'Gateway', role: 'admin', scopes: 'settings:read,messages:send', prefix: token.slice(0, 12) } }]);
  });

  it('must be at least one known scope: the form and the action say so on the field, and the database agrees', async () => {
    const fieldErrors = (input: unknown) => {
      const parsed = createApiTokenSchema.safeParse(input);
      return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
    };
    const base = { name: 'CRM sync', role: 'manager' };
    expect(fieldErrors({ ...base, scopes: [] })).toEqual({ scopes: ['Choose at least one thing the token may be used for.'] });
    expect(fieldErrors(base)).toEqual({ scopes: ['Choose at least one thing the token may be used for.'] });
    expect(fieldErrors({ ...base, scopes: ['settings:read', 'payments:refund'] })).toEqual({ scopes: ['Choose from the permissions listed.'] });
    expect(createApiTokenSchema.parse({ ...base, scopes: ['settings:read'] })).toEqual({ ...base, scopes: ['settings:read'] });

    // Past the schema (a caller that skipped it), the database refuses and nothing is created.
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    for (const scopes of [[], ['payments:refund'], ['settings:read', 'payments:refund']]) {
      await expect(createApiToken(admin, { ...base, role: 'manager', scopes: scopes as ApiTokenScope[] })).rejects.toThrow(/api_tokens_scopes_known/);
    }
    expect(await tokensOf(org)).toEqual([]);
    expect((await db.owner.query(`select 1 from integration_audit_logs where org_id = $1 and action = 'api_token.created'`, [org.id])).rowCount).toBe(0);
  });

  it('the database knows every scope the portal offers', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    await createApiToken(org.member('admin').actor, { name: 'Everything', role: 'admin', scopes: apiTokenScopeIds });
    expect(await tokensOf(org)).toEqual([{ name: 'Everything', scopes: apiTokenScopeIds }]);
  });

  it('cannot be changed once the token exists, not even by an admin', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    const { id } = await createApiToken(admin, { name: 'Reader', role: 'admin', scopes: ['settings:read'] });
    const widened = await admin.db((tx) => tx.query(`update public.api_tokens set scopes = '{messages:send}' where id = $1`, [id])).catch((e: Error) => e);
    expect(String(widened)).toMatch(/permission denied/);
    expect(await tokensOf(org)).toEqual([{ name: 'Reader', scopes: ['settings:read'] }]);
  });
});

describe('requireActor with a token', () => {
  it('refuses a token without the route’s scope with 403 insufficient_scope, and records the attempt', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const { id, token } = await createApiToken(org.member('admin').actor, { name: 'Sender', role: 'admin', scopes: ['messages:send'] });

    const response = await call(routeNeeding('settings:read'), token);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'insufficient_scope', message: 'This API token lacks the "settings:read" scope.' } });
    const denied = await db.owner.query(
      `select actor_type, actor_id, actor_label, outcome, metadata from integration_audit_logs where org_id = $1 and action = 'access.denied'`,
      [org.id],
    );
    expect(denied.rows).toEqual([
      { actor_type: 'api_token', actor_id: id, actor_label: 'Sender', outcome: 'denied', metadata: { required_scope: 'settings:read', scopes: 'messages:send' } },
    ]);
  });

  it('lets a token with the scope through, carrying its scopes; reading does not allow writing', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const { token } = await createApiToken(org.member('admin').actor, { name: 'Reader', role: 'admin', scopes: ['settings:read'] });

    const read = await call(routeNeeding('settings:read'), token);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ scopes: ['settings:read'] });
    const write = await call(routeNeeding('settings:write'), token);
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ error: { code: 'insufficient_scope' } });
  });

  it('keeps a token made before scopes able to do what it did, and unable to send or call', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const creator = org.member('admin');
    const { token, hash } = mintSecretToken('sbt_');
    // Inserted as the portal did before tokens had scopes.
    await db.owner.query(
      `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by) values ($1, 'Legacy', $2, $3, 'admin', $4)`,
      [org.id, token.slice(0, 12), hash, creator.userId],
    );
    expect(await tokensOf(org)).toEqual([{ name: 'Legacy', scopes: ['settings:read', 'settings:write'] }]);

    expect((await call(routeNeeding('settings:read'), token)).status).toBe(200);
    expect((await call(routeNeeding('settings:write'), token)).status).toBe(200);
    for (const scope of ['messages:send', 'calls:create'] as const) {
      expect(await (await call(routeNeeding(scope), token)).json()).toEqual({ error: { code: 'insufficient_scope', message: `This API token lacks the "${scope}" scope.` } });
    }
  });

  it('never limits a signed-in member by scope', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const member = org.member('admin').actor;
    expect(member.scopes).toBeNull();
    await expect(requireScope(member, 'messages:send')).resolves.toBeUndefined();
  });
});
