import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { simulatorForTests } from '@/tests/simulator';
import { providerCases } from '@/tests/provider-cases';
import { providers } from './registry';
import type { Actor } from '@/lib/auth/actor';
import { authenticateApiToken, createApiToken, revokeApiToken } from '@/lib/api-tokens/service';
import { openCredentials, sealCredentials } from '@/lib/crypto/keyring';
import { rotateCredentials } from '@/lib/crypto/rotate';
import { withRls, type OrgRole } from '@/lib/db/rls';
import { AppError } from '@/lib/http/errors';
import { saveIntegrationSchema, testIntegrationSchema } from '@/lib/validations/integrations';
import { setPermission } from './permissions';
import { getIntegration, listIntegrations } from './status';
import { deleteIntegration, saveIntegration as saveParsed, testIntegration as testParsed, TestFailedError } from './write';

const db = seededDatabase();
const CANARY = `canary${randomBytes(8).toString('hex')}`;
const simulator = simulatorForTests({ PROVIDER_TEST_TIMEOUT_MS: '1500', ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
const sim = () => simulator.sim;

// Every test makes its own organizations (removed after the file), so none depends on another's saves.
const organization = (...members: OrgRole[]) => freshOrganization(db.owner, { members });
const adminOf = (org: FreshOrganization) => org.member('admin').actor;
// Routes and actions parse the body once, then call the service; these do the same.
const saveIntegration = (a: Actor, type: string, body: unknown) => saveParsed(a, type, saveIntegrationSchema.parse(body));
const testIntegration = (a: Actor, type: string, body: unknown) => testParsed(a, type, testIntegrationSchema.parse(body));
const exotel = (overrides: Record<string, unknown> = {}) => ({
  account_sid: 'acme-demo',
  api_key: 'key-1234567890ab',
  api_token: `token-${CANARY}`,
  region: 'in',
  virtual_number: '01141169368',
  ...overrides,
});

const row = async (org: FreshOrganization, type = 'exotel_phone') =>
  (await db.owner.query(`select * from integration_credentials where organization_id = $1 and integration_type = $2`, [org.id, type])).rows[0];

/** An organization whose admin has saved verified Exotel credentials (version 1), as a first save leaves them. */
async function withSavedExotel(...members: OrgRole[]): Promise<FreshOrganization> {
  const org = await organization('admin', ...members);
  await saveIntegration(adminOf(org), 'exotel_phone', { display_name: 'Main line', credentials: exotel() });
  return org;
}

async function expectAppError(promise: Promise<unknown>, status: number, code?: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (code) expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('integration credentials', () => {
  it('saves verified credentials sealed at rest, with masked hints and an audit row naming fields only', async () => {
    const org = await organization('admin');
    const { detail, created, result } = await saveIntegration(adminOf(org), 'exotel_phone', { display_name: 'Main line', credentials: exotel() });
    expect(created).toBe(true);
    expect(result).toMatchObject({ ok: true });
    expect(detail).toMatchObject({ state: 'verified', displayName: 'Main line', version: 1, values: { account_sid: 'acme-demo', region: 'in' } });
    expect(detail.secretHints.api_token).toBe(`••••${CANARY.slice(-4)}`);
    expect(JSON.stringify(detail)).not.toContain(CANARY);

    const stored = await row(org);
    expect(stored.credentials_encrypted).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(CANARY);
    const audit = (await db.owner.query(`select * from integration_audit_logs where org_id = $1 and action = 'integration.created' order by id desc limit 1`, [org.id])).rows[0];
    expect(audit.changed_fields).toEqual(expect.arrayContaining(['api_key', 'api_token', 'account_sid', 'display_name']));
    expect(JSON.stringify(audit)).not.toContain(CANARY);
  });

  it('keeps the previous credentials when a changed secret fails its test', async () => {
    const org = await withSavedExotel();
    const before = await row(org);
    const error = await saveIntegration(adminOf(org), 'exotel_phone', { credentials: exotel({ api_token: 'token-bad-000000' }), expected_version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestFailedError);
    expect((error as TestFailedError).result).toMatchObject({ ok: false, code: 'bad_credentials' });
    const after = await row(org);
    expect(after.credentials_encrypted).toBe(before.credentials_encrypted);
    expect(after.version).toBe(before.version);
  });

  it('edits the display name without the secret, keeping the secret and the verification', async () => {
    const org = await withSavedExotel();
    const { detail } = await saveIntegration(adminOf(org), 'exotel_phone', {
      display_name: 'Sales line',
      credentials: { ...exotel(), api_key: '', api_token: '' },
      expected_version: 1,
    });
    expect(detail).toMatchObject({ displayName: 'Sales line', state: 'verified', version: 2 });
    const stored = await row(org);
    const values = openCredentials({ orgId: org.id, integrationType: 'exotel_phone' }, stored.credentials_encrypted);
    expect(values.api_token).toBe(`token-${CANARY}`);
    const audit = (await db.owner.query(`select changed_fields from integration_audit_logs where org_id = $1 and action = 'integration.updated' order by id desc limit 1`, [org.id])).rows[0];
    expect(audit.changed_fields).toEqual(['display_name']);
  });

  it('refuses a save against a stale version instead of overwriting', async () => {
    const org = await withSavedExotel();
    const admin = adminOf(org);
    await saveIntegration(admin, 'exotel_phone', { display_name: 'Sales line', expected_version: 1 });
    await expectAppError(saveIntegration(admin, 'exotel_phone', { display_name: 'Stale', expected_version: 1 }), 409, 'conflict');
    const results = await Promise.allSettled(
      ['A', 'B'].map((n) => saveIntegration(admin, 'exotel_phone', { display_name: `Racer ${n}`, expected_version: 2 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await row(org)).version).toBe(3);
  });

  it('tests saved credentials and records the result on the row: a revoked token shows as Failing', async () => {
    const org = await withSavedExotel();
    const admin = adminOf(org);
    const ok = await testIntegration(admin, 'exotel_phone', {});
    expect(ok.result.ok).toBe(true);
    expect(ok.status).toMatchObject({ state: 'verified' });
    // Unsaved values are tested without touching the saved row.
    const unsaved = await testIntegration(admin, 'exotel_phone', { credentials: { api_token: 'token-bad-9999' } });
    expect(unsaved).toMatchObject({ result: { ok: false, code: 'bad_credentials' }, status: null });
    expect((await listIntegrations(admin)).find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'verified' });

    // The provider starts refusing the saved token (here: the saved token becomes one the simulator refuses).
    const stored = await row(org);
    const values = openCredentials({ orgId: org.id, integrationType: 'exotel_phone' }, stored.credentials_encrypted);
    const resealed = sealCredentials({ orgId: org.id, integrationType: 'exotel_phone' }, { ...values, api_token: 'token-bad-revoked' });
    await db.owner.query(`update integration_credentials set credentials_encrypted = $1 where id = $2`, [resealed.envelope, stored.id]);
    const failing = await testIntegration(admin, 'exotel_phone', {});
    expect(failing.result).toMatchObject({ ok: false, code: 'bad_credentials' });
    expect(failing.status).toMatchObject({ state: 'failing', lastTest: { ok: false, code: 'bad_credentials' } });
  });

  it('gives agents status only for granted integrations, and refuses their changes', async () => {
    const org = await withSavedExotel('agent');
    const agent = org.member('agent');
    await expectAppError(getIntegration(agent.actor, 'exotel_phone'), 404);
    expect((await listIntegrations(agent.actor)).map((i) => i.type)).not.toContain('exotel_phone');
    await expectAppError(saveIntegration(agent.actor, 'exotel_phone', { display_name: 'Mine' }), 403);
    // RLS is a second wall: the agent's own transaction sees no row without a grant.
    const visible = () => agent.actor.db((tx) => tx.query(`select id from public.integration_credentials`));
    expect(await visible()).toHaveLength(0);

    await setPermission(adminOf(org), 'exotel_phone', { user_id: agent.userId, can_use: true, can_view_status: true });
    const status = await getIntegration(agent.actor, 'exotel_phone');
    expect(status).toMatchObject({ state: 'verified' });
    expect(status).not.toHaveProperty('values');
    expect(status).not.toHaveProperty('secretHints');
    expect(await visible()).toHaveLength(1);
    // Claiming to be an admin in the claims does not let the agent write.
    const updated = await withRls({ userId: agent.userId, orgId: org.id, orgRole: 'admin', isSuperadmin: false }, (tx) =>
      tx.query(`update public.integration_credentials set display_name = 'hijacked' returning id`),
    );
    expect(updated).toHaveLength(0);
  });

  it('answers 404 for another organization’s member and an unknown type', async () => {
    const org = await withSavedExotel();
    const other = await organization('admin', 'agent');
    await expectAppError(setPermission(adminOf(org), 'exotel_phone', { user_id: other.member('agent').userId, can_use: true, can_view_status: true }), 404);
    await expectAppError(getIntegration(adminOf(org), 'no_such_provider'), 404);
    // The other organization sees nothing of this one's row.
    expect((await listIntegrations(adminOf(other))).find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'not_configured' });
    await expectAppError(deleteIntegration(adminOf(other), 'exotel_phone', {}), 404);
    expect(await row(org)).toMatchObject({ version: 1 });
  });

  it('refuses a ciphertext moved to another organization with a clear state, not garbage', async () => {
    const [org, other] = [await withSavedExotel(), await organization('admin')];
    const otherAdmin = adminOf(other);
    await saveIntegration(otherAdmin, 'exotel_phone', { credentials: exotel({ account_sid: 'globex-demo' }) });
    await db.owner.query(
      `update integration_credentials set credentials_encrypted = (select credentials_encrypted from integration_credentials where organization_id = $1 and integration_type = 'exotel_phone')
        where organization_id = $2 and integration_type = 'exotel_phone'`,
      [org.id, other.id],
    );
    const detail = await getIntegration(otherAdmin, 'exotel_phone');
    expect(detail).toMatchObject({ unreadable: true, values: {}, secretHints: {} });
    expect(JSON.stringify(detail)).not.toContain(CANARY);
    // Saving again needs the secrets re-entered; then it works.
    const error = await expectAppError(saveIntegration(otherAdmin, 'exotel_phone', { credentials: { account_sid: 'globex-demo' } }), 422, 'validation_failed');
    expect(error.fields).toHaveProperty('api_token');
    await saveIntegration(otherAdmin, 'exotel_phone', { credentials: exotel({ account_sid: 'globex-demo' }) });
    expect(await getIntegration(otherAdmin, 'exotel_phone')).toMatchObject({ unreadable: false, state: 'verified' });
  });

  it('rotates keys online: every row re-sealed under the new key and still readable after the old key is dropped', async () => {
    const orgs = [await withSavedExotel(), await withSavedExotel()];
    const original = process.env.INTEGRATIONS_ENCRYPTION_KEYS!;
    const fresh = `rot${Date.now() % 100000}:${randomBytes(32).toString('base64')}`;
    try {
      process.env.INTEGRATIONS_ENCRYPTION_KEYS = `${fresh},${original}`;
      const first = await rotateCredentials({ batchSize: 1 });
      expect(first.rotated).toBeGreaterThanOrEqual(2);
      expect(first.remaining).toBe(0);
      const again = await rotateCredentials();
      expect(again.rotated).toBe(0);
      process.env.INTEGRATIONS_ENCRYPTION_KEYS = fresh;
      for (const org of orgs) expect(await getIntegration(adminOf(org), 'exotel_phone')).toMatchObject({ unreadable: false });
      const audits = (await db.owner.query(`select count(*)::int n from integration_audit_logs where action = 'integration.reencrypted' and org_id = any($1)`, [orgs.map((o) => o.id)])).rows[0].n;
      expect(audits).toBe(2);
    } finally {
      process.env.INTEGRATIONS_ENCRYPTION_KEYS = original;
      await rotateCredentials();
    }
  });

  it('deletes with confirmation of the version, falling back to nothing', async () => {
    const org = await withSavedExotel();
    const current = await row(org);
    await expectAppError(deleteIntegration(adminOf(org), 'exotel_phone', { expected_version: current.version + 5 }), 409);
    await deleteIntegration(adminOf(org), 'exotel_phone', { expected_version: current.version });
    expect(await row(org)).toBeUndefined();
  });
});

describe('organization API tokens', () => {
  it('authenticate by hash, cap the role at the creator’s, and stop working when revoked', async () => {
    const org = await withSavedExotel('manager');
    const other = await organization('admin');
    const creator = org.member('admin');
    const admin = creator.actor;
    const { id, token } = await createApiToken(admin, { name: 'CRM sync', role: 'admin', scopes: ['settings:read'] });
    const stored = (await db.owner.query(`select token_hash, token_prefix from api_tokens where id = $1`, [id])).rows[0];
    expect(stored.token_hash).not.toContain(token);
    expect(token.startsWith(stored.token_prefix)).toBe(true);
    expect(await authenticateApiToken(token)).toMatchObject({ tokenId: id, role: 'admin', orgId: org.id });
    expect(await authenticateApiToken(`${token}x`)).toBeNull();

    // Demote the creator: the token can do no more than they now can.
    await db.owner.query(`update memberships set role = 'manager' where id = $1`, [creator.membershipId]);
    expect(await authenticateApiToken(token)).toMatchObject({ role: 'manager' });
    // And RLS agrees even if the claims say admin (the organization has a saved row it could change).
    const written = await withRls({ userId: creator.userId, orgId: org.id, orgRole: 'admin', isSuperadmin: false, tokenId: id }, (tx) =>
      tx.query(`update public.integration_credentials set display_name = 'via token' returning id`),
    );
    expect(written).toHaveLength(0);
    await db.owner.query(`update memberships set role = 'admin' where id = $1`, [creator.membershipId]);

    await expectAppError(revokeApiToken(adminOf(other), id), 404);
    await expectAppError(createApiToken(org.member('manager').actor, { name: 'Not mine', role: 'manager', scopes: ['settings:read'] }), 403);
    await revokeApiToken(admin, id);
    expect(await authenticateApiToken(token)).toBeNull();
  });
});

describe('every provider through the save path', () => {
  // Google Calendar's refresh token only arrives through OAuth consent (covered end to end).
  const saveable = () => providers.filter((p) => p.id !== 'google_calendar');

  it('good credentials end Verified; a refused variant saves nothing; a slow provider times out within the limit', async () => {
    const cases = providerCases(sim());
    const org = await organization('admin');
    const admin = adminOf(org);
    for (const provider of saveable()) {
      const c = cases[provider.id]!;
      const { detail } = await saveIntegration(admin, provider.id, { credentials: c.good });
      expect(detail.state, provider.id).toBe('verified');
      expect(Object.keys(detail.secretHints).sort(), provider.id).toEqual(
        Object.keys(provider.fields).filter((f) => provider.fields[f]!.secret && c.good[f]).sort(),
      );
      const before = await row(org, provider.id);

      const refused = c.variants[0]!;
      const error = await saveIntegration(admin, provider.id, { credentials: { ...c.good, ...refused.creds } }).catch((e: unknown) => e);
      expect(error, `${provider.id} ${refused.name}`).toBeInstanceOf(TestFailedError);
      expect((error as TestFailedError).result.ok ? null : (error as TestFailedError).result.code, provider.id).toBe(refused.code);

      const started = performance.now();
      const slow = await saveIntegration(admin, provider.id, { credentials: { ...c.good, ...c.slow } }).catch((e: unknown) => e);
      expect(slow, provider.id).toBeInstanceOf(TestFailedError);
      expect((slow as TestFailedError).result, provider.id).toMatchObject({ ok: false, code: 'timeout' });
      // A correctness bound (the simulator would wait 30 s), not a benchmark.
      expect(performance.now() - started, provider.id).toBeLessThan(10_000);

      const after = await row(org, provider.id);
      expect({ sealed: after.credentials_encrypted, version: after.version }, provider.id).toEqual({ sealed: before.credentials_encrypted, version: before.version });
    }
    const stored = (await db.owner.query(`select c::text as row from integration_credentials c where organization_id = $1`, [org.id])).rows.map((r) => r.row).join('\n');
    for (const provider of saveable()) {
      const good = cases[provider.id]!.good;
      for (const [field, spec] of Object.entries(provider.fields)) {
        const value = good[field];
        if (spec.secret && typeof value === 'string' && value.length >= 8) expect(stored, `${provider.id}.${field} stored in clear`).not.toContain(value);
      }
    }
  });
});

describe('what the walls refuse', () => {
  it('tests the server environment only as it is, never completing a request’s values from it', async () => {
    const admin = adminOf(await organization('admin'));
    const env = { EXOTEL_SID: 'platform-sid', EXOTEL_API_KEY: 'platform-key-123', EXOTEL_TOKEN: `platform-${CANARY}`, EXOTEL_REGION: 'sg', EXOTEL_PHONE_NUMBER: '01141169300' };
    Object.assign(process.env, env);
    try {
      expect((await listIntegrations(admin)).find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'environment' });
      const fromEnv = await testIntegration(admin, 'exotel_phone', {});
      expect(fromEnv.result).toEqual({ ok: true, latencyMs: expect.any(Number), details: {} });
      // A request naming another account does not get the platform's key and token filled in.
      const error = await expectAppError(testIntegration(admin, 'exotel_phone', { credentials: { account_sid: 'someone-else' } }), 422, 'validation_failed');
      expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(['api_key', 'api_token']));
      expect(JSON.stringify(await getIntegration(admin, 'exotel_phone'))).not.toContain(CANARY);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  });

  it('never sends a saved secret to a host other than the one it was saved for', async () => {
    const admin = adminOf(await organization('admin'));
    const good = providerCases(sim()).docuseal!.good as { base_url: string; api_key: string };
    await saveIntegration(admin, 'docuseal', { credentials: good });
    const moved = { base_url: good.base_url.replace('/docuseal', '/docuseal-elsewhere'), api_key: '' };
    for (const attempt of [testIntegration(admin, 'docuseal', { credentials: moved }), saveIntegration(admin, 'docuseal', { credentials: moved })]) {
      const error = await expectAppError(attempt, 422, 'validation_failed');
      expect(error.fields?.api_key?.[0]).toMatch(/Enter it again/);
    }
  });

  it('keeps the sealed columns from managers even in their own transaction', async () => {
    const org = await organization('admin', 'manager');
    await saveIntegration(adminOf(org), 'stripe', { credentials: { secret_key: 'sk_test_wallcheck1', mode: 'test' } });
    const asManager = org.member('manager').actor.db;
    const denied = await asManager((tx) => tx.query(`select credentials_encrypted from public.integration_credentials`)).catch((e: Error) => e);
    expect(denied).toBeInstanceOf(Error);
    expect(String(denied)).toMatch(/permission denied/);
    expect(await asManager((tx) => tx.query(`select * from app_private.integration_sealed('stripe')`))).toHaveLength(0);
    expect(await asManager((tx) => tx.query(`select display_name from public.integration_credentials where integration_type = 'stripe'`))).toHaveLength(1);
  });

  it('gives a revoked token’s claims no organization, and never revives a revoked token', async () => {
    // A second member, so "only the creator's own row" means something.
    const org = await organization('admin', 'agent');
    const creator = org.member('admin');
    const admin = creator.actor;
    const { id } = await createApiToken(admin, { name: 'Short-lived', role: 'admin', scopes: ['settings:read'] });
    await revokeApiToken(admin, id);
    const claims = { userId: creator.userId, orgId: org.id, orgRole: 'admin' as const, isSuperadmin: false, tokenId: id };
    await saveIntegration(admin, 'stripe', { credentials: { secret_key: 'sk_test_tokencheck1', mode: 'test' } });
    expect(await withRls({ ...claims, tokenId: undefined }, (tx) => tx.query(`select id from public.integration_credentials`))).not.toHaveLength(0);
    expect(await withRls(claims, (tx) => tx.query(`select id from public.integration_credentials`))).toHaveLength(0);
    expect(await withRls({ ...claims, tokenId: undefined }, (tx) => tx.query(`select id from public.users`))).toHaveLength(2);
    expect(await withRls(claims, (tx) => tx.query(`select id from public.users`))).toHaveLength(1); // only the creator's own row
    expect(await withRls(claims, (tx) => tx.one<{ org: string | null }>(`select app_private.active_org_id() as org`))).toEqual({ org: null });
    const revived = await admin.db((tx) => tx.query(`update public.api_tokens set revoked_at = null where id = $1 returning id`, [id])).catch((e: Error) => e);
    expect(Array.isArray(revived) ? revived.length : 0).toBe(0);
    expect((await db.owner.query(`select revoked_at from api_tokens where id = $1`, [id])).rows[0].revoked_at).not.toBeNull();
  });
});
