import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { memberContext, seededDatabase } from '@/tests/db';
import { simulatorForTests } from '@/tests/simulator';
import { providerCases } from '@/tests/provider-cases';
import { providers } from './registry';
import { actorFromSession, type Actor } from '@/lib/auth/actor';
import { authenticateApiToken, createApiToken, revokeApiToken } from '@/lib/api-tokens/service';
import { openCredentials, sealCredentials } from '@/lib/crypto/keyring';
import { rotateCredentials } from '@/lib/crypto/rotate';
import type { OrgRole } from '@/lib/db/rls';
import { withRls } from '@/lib/db/rls';
import { AppError } from '@/lib/http/errors';
import { saveIntegrationSchema, testIntegrationSchema } from '@/lib/validations/integrations';
import { setPermission } from './permissions';
import { getIntegration, listIntegrations } from './status';
import { deleteIntegration, saveIntegration as saveParsed, testIntegration as testParsed, TestFailedError } from './write';

const db = seededDatabase();
const CANARY = `canary${randomBytes(8).toString('hex')}`;
const simulator = simulatorForTests({ PROVIDER_TEST_TIMEOUT_MS: '1500', ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
const sim = () => simulator.sim;

afterAll(async () => {
  await db.owner.query(`delete from integration_credentials`);
  await db.owner.query(`delete from user_integration_permissions`);
  await db.owner.query(`delete from api_tokens`);
});

const actor = (email: string, slug: 'acme' | 'globex', role: OrgRole): Actor => actorFromSession(memberContext(db.seeded, email, slug, role));
// Routes and actions parse the body once, then call the service; these do the same.
const saveIntegration = (a: Actor, type: string, body: unknown) => saveParsed(a, type, saveIntegrationSchema.parse(body));
const testIntegration = (a: Actor, type: string, body: unknown) => testParsed(a, type, testIntegrationSchema.parse(body));
const acmeAdmin = () => actor('admin@acme.example', 'acme', 'admin');
const acmeAgent = () => actor('agent@acme.example', 'acme', 'agent');
const globexAdmin = () => actor('admin@globex.example', 'globex', 'admin');

const exotel = (overrides: Record<string, unknown> = {}) => ({
  account_sid: 'acme-demo',
  api_key: 'key-1234567890ab',
  api_token: `token-${CANARY}`,
  region: 'in',
  virtual_number: '01141169368',
  ...overrides,
});

const row = async (slug: 'acme' | 'globex', type = 'exotel_phone') =>
  (await db.owner.query(`select * from integration_credentials where organization_id = $1 and integration_type = $2`, [db.seeded.orgs[slug], type])).rows[0];

async function expectAppError(promise: Promise<unknown>, status: number, code?: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (code) expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('integration credentials', () => {
  it('saves verified credentials sealed at rest, with masked hints and an audit row naming fields only', async () => {
    const { detail, created, result } = await saveIntegration(acmeAdmin(), 'exotel_phone', { display_name: 'Main line', credentials: exotel() });
    expect(created).toBe(true);
    expect(result).toMatchObject({ ok: true });
    expect(detail).toMatchObject({ state: 'verified', displayName: 'Main line', version: 1, values: { account_sid: 'acme-demo', region: 'in' } });
    expect(detail.secretHints.api_token).toBe(`••••${CANARY.slice(-4)}`);
    expect(JSON.stringify(detail)).not.toContain(CANARY);

    const stored = await row('acme');
    expect(stored.credentials_encrypted).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(CANARY);
    const audit = (await db.owner.query(`select * from integration_audit_logs where org_id = $1 and action = 'integration.created' order by id desc limit 1`, [db.seeded.orgs.acme])).rows[0];
    expect(audit.changed_fields).toEqual(expect.arrayContaining(['api_key', 'api_token', 'account_sid', 'display_name']));
    expect(JSON.stringify(audit)).not.toContain(CANARY);
  });

  it('keeps the previous credentials when a changed secret fails its test', async () => {
    const before = await row('acme');
    const error = await saveIntegration(acmeAdmin(), 'exotel_phone', { credentials: exotel({ api_token: 'token-bad-000000' }), expected_version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestFailedError);
    expect((error as TestFailedError).result).toMatchObject({ ok: false, code: 'bad_credentials' });
    const after = await row('acme');
    expect(after.credentials_encrypted).toBe(before.credentials_encrypted);
    expect(after.version).toBe(before.version);
  });

  it('edits the display name without the secret, keeping the secret and the verification', async () => {
    const { detail } = await saveIntegration(acmeAdmin(), 'exotel_phone', {
      display_name: 'Sales line',
      credentials: { ...exotel(), api_key: '', api_token: '' },
      expected_version: 1,
    });
    expect(detail).toMatchObject({ displayName: 'Sales line', state: 'verified', version: 2 });
    const stored = await row('acme');
    const values = openCredentials({ orgId: db.seeded.orgs.acme, integrationType: 'exotel_phone' }, stored.credentials_encrypted);
    expect(values.api_token).toBe(`token-${CANARY}`);
    const audit = (await db.owner.query(`select changed_fields from integration_audit_logs where org_id = $1 and action = 'integration.updated' order by id desc limit 1`, [db.seeded.orgs.acme])).rows[0];
    expect(audit.changed_fields).toEqual(['display_name']);
  });

  it('refuses a save against a stale version instead of overwriting', async () => {
    await expectAppError(saveIntegration(acmeAdmin(), 'exotel_phone', { display_name: 'Stale', expected_version: 1 }), 409, 'conflict');
    const results = await Promise.allSettled(
      ['A', 'B'].map((n) => saveIntegration(acmeAdmin(), 'exotel_phone', { display_name: `Racer ${n}`, expected_version: 2 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await row('acme')).version).toBe(3);
  });

  it('tests saved credentials and records the result on the row: a revoked token shows as Failing', async () => {
    const ok = await testIntegration(acmeAdmin(), 'exotel_phone', {});
    expect(ok.result.ok).toBe(true);
    expect(ok.status).toMatchObject({ state: 'verified' });
    // Unsaved values are tested without touching the saved row.
    const unsaved = await testIntegration(acmeAdmin(), 'exotel_phone', { credentials: { api_token: 'token-bad-9999' } });
    expect(unsaved).toMatchObject({ result: { ok: false, code: 'bad_credentials' }, status: null });
    expect((await listIntegrations(acmeAdmin())).find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'verified' });

    // The provider starts refusing the saved token (here: the saved token becomes one the simulator refuses).
    const acme = db.seeded.orgs.acme;
    const stored = await row('acme');
    const values = openCredentials({ orgId: acme, integrationType: 'exotel_phone' }, stored.credentials_encrypted);
    const resealed = sealCredentials({ orgId: acme, integrationType: 'exotel_phone' }, { ...values, api_token: 'token-bad-revoked' });
    await db.owner.query(`update integration_credentials set credentials_encrypted = $1 where id = $2`, [resealed.envelope, stored.id]);
    try {
      const failing = await testIntegration(acmeAdmin(), 'exotel_phone', {});
      expect(failing.result).toMatchObject({ ok: false, code: 'bad_credentials' });
      expect(failing.status).toMatchObject({ state: 'failing', lastTest: { ok: false, code: 'bad_credentials' } });
    } finally {
      await db.owner.query(`update integration_credentials set credentials_encrypted = $1 where id = $2`, [stored.credentials_encrypted, stored.id]);
      await testIntegration(acmeAdmin(), 'exotel_phone', {});
    }
  });

  it('gives agents status only for granted integrations, and refuses their changes', async () => {
    expect((await listIntegrations(acmeAgent())).map((i) => i.type)).not.toContain('exotel_phone');
    await expectAppError(getIntegration(acmeAgent(), 'exotel_phone'), 404);
    await expectAppError(saveIntegration(acmeAgent(), 'exotel_phone', { display_name: 'Mine' }), 403);
    // RLS is a second wall: the agent's own transaction sees no row without a grant.
    const agentId = db.seeded.users['agent@acme.example']!;
    const visible = () =>
      withRls({ userId: agentId, orgId: db.seeded.orgs.acme, orgRole: 'agent', isSuperadmin: false }, (tx) =>
        tx.query(`select id from public.integration_credentials`),
      );
    expect(await visible()).toHaveLength(0);

    await setPermission(acmeAdmin(), 'exotel_phone', { user_id: agentId, can_use: true, can_view_status: true });
    const status = await getIntegration(acmeAgent(), 'exotel_phone');
    expect(status).toMatchObject({ state: 'verified' });
    expect(status).not.toHaveProperty('values');
    expect(status).not.toHaveProperty('secretHints');
    expect(await visible()).toHaveLength(1);
    // Claiming to be an admin in the claims does not let the agent write.
    const updated = await withRls({ userId: agentId, orgId: db.seeded.orgs.acme, orgRole: 'admin', isSuperadmin: false }, (tx) =>
      tx.query(`update public.integration_credentials set display_name = 'hijacked' returning id`),
    );
    expect(updated).toHaveLength(0);
  });

  it('answers 404 for another organization’s member and an unknown type', async () => {
    await expectAppError(setPermission(acmeAdmin(), 'exotel_phone', { user_id: db.seeded.users['agent@globex.example']!, can_use: true, can_view_status: true }), 404);
    await expectAppError(getIntegration(acmeAdmin(), 'no_such_provider'), 404);
    // Globex sees nothing of Acme's row.
    expect((await listIntegrations(globexAdmin())).find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'not_configured' });
    await expectAppError(deleteIntegration(globexAdmin(), 'exotel_phone', {}), 404);
  });

  it('refuses a ciphertext moved to another organization with a clear state, not garbage', async () => {
    await saveIntegration(globexAdmin(), 'exotel_phone', { credentials: exotel({ account_sid: 'globex-demo' }) });
    await db.owner.query(
      `update integration_credentials set credentials_encrypted = (select credentials_encrypted from integration_credentials where organization_id = $1 and integration_type = 'exotel_phone')
        where organization_id = $2 and integration_type = 'exotel_phone'`,
      [db.seeded.orgs.acme, db.seeded.orgs.globex],
    );
    const detail = await getIntegration(globexAdmin(), 'exotel_phone');
    expect(detail).toMatchObject({ unreadable: true, values: {}, secretHints: {} });
    expect(JSON.stringify(detail)).not.toContain(CANARY);
    // Saving again needs the secrets re-entered; then it works.
    const error = await expectAppError(saveIntegration(globexAdmin(), 'exotel_phone', { credentials: { account_sid: 'globex-demo' } }), 422, 'validation_failed');
    expect(error.fields).toHaveProperty('api_token');
    await saveIntegration(globexAdmin(), 'exotel_phone', { credentials: exotel({ account_sid: 'globex-demo' }) });
    expect(await getIntegration(globexAdmin(), 'exotel_phone')).toMatchObject({ unreadable: false, state: 'verified' });
  });

  it('rotates keys online: every row re-sealed under the new key and still readable after the old key is dropped', async () => {
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
      for (const slug of ['acme', 'globex'] as const) {
        const admin = slug === 'acme' ? acmeAdmin() : globexAdmin();
        expect(await getIntegration(admin, 'exotel_phone')).toMatchObject({ unreadable: false });
      }
      const audits = (await db.owner.query(`select count(*)::int n from integration_audit_logs where action = 'integration.reencrypted'`)).rows[0].n;
      expect(audits).toBeGreaterThanOrEqual(2);
    } finally {
      process.env.INTEGRATIONS_ENCRYPTION_KEYS = original;
      await rotateCredentials();
    }
  });

  it('deletes with confirmation of the version, falling back to nothing', async () => {
    const current = await row('globex');
    await expectAppError(deleteIntegration(globexAdmin(), 'exotel_phone', { expected_version: current.version + 5 }), 409);
    await deleteIntegration(globexAdmin(), 'exotel_phone', { expected_version: current.version });
    expect(await row('globex')).toBeUndefined();
  });
});

describe('organization API tokens', () => {
  it('authenticate by hash, cap the role at the creator’s, and stop working when revoked', async () => {
    const admin = acmeAdmin();
    const { id, token } = await createApiToken(admin, { name: 'CRM sync', role: 'admin' });
    const stored = (await db.owner.query(`select token_hash, token_prefix from api_tokens where id = $1`, [id])).rows[0];
    expect(stored.token_hash).not.toContain(token);
    expect(token.startsWith(stored.token_prefix)).toBe(true);
    expect(await authenticateApiToken(token)).toMatchObject({ tokenId: id, role: 'admin', orgId: db.seeded.orgs.acme });
    expect(await authenticateApiToken(`${token}x`)).toBeNull();

    // Demote the creator: the token can do no more than they now can.
    await db.owner.query(`update memberships set role = 'manager' where id = $1`, [db.seeded.memberships['admin@acme.example@acme']]);
    try {
      expect(await authenticateApiToken(token)).toMatchObject({ role: 'manager' });
      // And RLS agrees even if the claims say admin.
      const written = await withRls({ userId: db.seeded.users['admin@acme.example']!, orgId: db.seeded.orgs.acme, orgRole: 'admin', isSuperadmin: false, tokenId: id }, (tx) =>
        tx.query(`update public.integration_credentials set display_name = 'via token' returning id`),
      );
      expect(written).toHaveLength(0);
    } finally {
      await db.owner.query(`update memberships set role = 'admin' where id = $1`, [db.seeded.memberships['admin@acme.example@acme']]);
    }

    await expectAppError(revokeApiToken(globexAdmin(), id), 404);
    await expectAppError(createApiToken(actor('manager@acme.example', 'acme', 'manager'), { name: 'Not mine', role: 'manager' }), 403);
    await revokeApiToken(admin, id);
    expect(await authenticateApiToken(token)).toBeNull();
  });
});

describe('every provider through the save path', () => {
  // Google Calendar's refresh token only arrives through OAuth consent (covered end to end).
  const saveable = () => providers.filter((p) => p.id !== 'google_calendar');

  it('good credentials end Verified; a refused variant saves nothing; a slow provider times out within the limit', async () => {
    const cases = providerCases(sim());
    const globex = db.seeded.orgs.globex;
    for (const provider of saveable()) {
      const c = cases[provider.id]!;
      const { detail } = await saveIntegration(globexAdmin(), provider.id, { credentials: c.good });
      expect(detail.state, provider.id).toBe('verified');
      expect(Object.keys(detail.secretHints).sort(), provider.id).toEqual(
        Object.keys(provider.fields).filter((f) => provider.fields[f]!.secret && c.good[f]).sort(),
      );
      const before = (await db.owner.query(`select credentials_encrypted, version from integration_credentials where organization_id = $1 and integration_type = $2`, [globex, provider.id])).rows[0];

      const refused = c.variants[0]!;
      const error = await saveIntegration(globexAdmin(), provider.id, { credentials: { ...c.good, ...refused.creds } }).catch((e: unknown) => e);
      expect(error, `${provider.id} ${refused.name}`).toBeInstanceOf(TestFailedError);
      expect((error as TestFailedError).result.ok ? null : (error as TestFailedError).result.code, provider.id).toBe(refused.code);

      const started = performance.now();
      const slow = await saveIntegration(globexAdmin(), provider.id, { credentials: { ...c.good, ...c.slow } }).catch((e: unknown) => e);
      expect(slow, provider.id).toBeInstanceOf(TestFailedError);
      expect((slow as TestFailedError).result, provider.id).toMatchObject({ ok: false, code: 'timeout' });
      // A correctness bound (the simulator would wait 30 s), not a benchmark.
      expect(performance.now() - started, provider.id).toBeLessThan(10_000);

      const after = (await db.owner.query(`select credentials_encrypted, version from integration_credentials where organization_id = $1 and integration_type = $2`, [globex, provider.id])).rows[0];
      expect(after, provider.id).toEqual(before);
    }
    const stored = (await db.owner.query(`select c::text as row from integration_credentials c where organization_id = $1`, [globex])).rows.map((r) => r.row).join('\n');
    for (const provider of saveable()) {
      const good = cases[provider.id]!.good;
      for (const [field, spec] of Object.entries(provider.fields)) {
        const value = good[field];
        if (spec.secret && typeof value === 'string' && value.length >= 8) expect(stored, `${provider.id}.${field} stored in clear`).not.toContain(value);
      }
    }
    await db.owner.query(`delete from integration_credentials where organization_id = $1`, [globex]);
  });
});

describe('what the walls refuse', () => {
  it('tests the server environment only as it is, never completing a request’s values from it', async () => {
    const env = { EXOTEL_SID: 'platform-sid', EXOTEL_API_KEY: 'platform-key-123', EXOTEL_TOKEN: `platform-${CANARY}`, EXOTEL_REGION: 'sg', EXOTEL_PHONE_NUMBER: '01141169300' };
    Object.assign(process.env, env);
    try {
      expect((await listIntegrations(globexAdmin())).find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'environment' });
      const fromEnv = await testIntegration(globexAdmin(), 'exotel_phone', {});
      expect(fromEnv.result).toEqual({ ok: true, latencyMs: expect.any(Number), details: {} });
      // A request naming another account does not get the platform's key and token filled in.
      const error = await expectAppError(testIntegration(globexAdmin(), 'exotel_phone', { credentials: { account_sid: 'someone-else' } }), 422, 'validation_failed');
      expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(['api_key', 'api_token']));
      expect(JSON.stringify(await getIntegration(globexAdmin(), 'exotel_phone'))).not.toContain(CANARY);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  });

  it('never sends a saved secret to a host other than the one it was saved for', async () => {
    const good = providerCases(sim()).docuseal!.good as { base_url: string; api_key: string };
    await saveIntegration(globexAdmin(), 'docuseal', { credentials: good });
    const moved = { base_url: good.base_url.replace('/docuseal', '/docuseal-elsewhere'), api_key: '' };
    for (const attempt of [testIntegration(globexAdmin(), 'docuseal', { credentials: moved }), saveIntegration(globexAdmin(), 'docuseal', { credentials: moved })]) {
      const error = await expectAppError(attempt, 422, 'validation_failed');
      expect(error.fields?.api_key?.[0]).toMatch(/Enter it again/);
    }
    await db.owner.query(`delete from integration_credentials where integration_type = 'docuseal'`);
  });

  it('keeps the sealed columns from managers even in their own transaction', async () => {
    await saveIntegration(acmeAdmin(), 'stripe', { credentials: { secret_key: 'sk_test_wallcheck1', mode: 'test' } });
    const managerId = db.seeded.users['manager@acme.example']!;
    const asManager = <T,>(fn: (tx: import('@/lib/db/rls').Tx) => Promise<T>) =>
      withRls({ userId: managerId, orgId: db.seeded.orgs.acme, orgRole: 'manager', isSuperadmin: false }, fn);
    const denied = await asManager((tx) => tx.query(`select credentials_encrypted from public.integration_credentials`)).catch((e: Error) => e);
    expect(denied).toBeInstanceOf(Error);
    expect(String(denied)).toMatch(/permission denied/);
    expect(await asManager((tx) => tx.query(`select * from app_private.integration_sealed('stripe')`))).toHaveLength(0);
    expect(await asManager((tx) => tx.query(`select display_name from public.integration_credentials where integration_type = 'stripe'`))).toHaveLength(1);
    await db.owner.query(`delete from integration_credentials where integration_type = 'stripe'`);
  });

  it('gives a revoked token’s claims no organization, and never revives a revoked token', async () => {
    const admin = acmeAdmin();
    const { id } = await createApiToken(admin, { name: 'Short-lived', role: 'admin' });
    await revokeApiToken(admin, id);
    const claims = { userId: db.seeded.users['admin@acme.example']!, orgId: db.seeded.orgs.acme, orgRole: 'admin' as const, isSuperadmin: false, tokenId: id };
    await saveIntegration(acmeAdmin(), 'stripe', { credentials: { secret_key: 'sk_test_tokencheck1', mode: 'test' } });
    expect(await withRls({ ...claims, tokenId: undefined }, (tx) => tx.query(`select id from public.integration_credentials`))).not.toHaveLength(0);
    expect(await withRls(claims, (tx) => tx.query(`select id from public.integration_credentials`))).toHaveLength(0);
    expect(await withRls(claims, (tx) => tx.query(`select id from public.users`))).toHaveLength(1); // only the creator's own row
    await db.owner.query(`delete from integration_credentials where integration_type = 'stripe'`);
    expect(await withRls(claims, (tx) => tx.one<{ org: string | null }>(`select app_private.active_org_id() as org`))).toEqual({ org: null });
    const revived = await admin.db((tx) => tx.query(`update public.api_tokens set revoked_at = null where id = $1 returning id`, [id])).catch((e: Error) => e);
    expect(Array.isArray(revived) ? revived.length : 0).toBe(0);
    expect((await db.owner.query(`select revoked_at from api_tokens where id = $1`, [id])).rows[0].revoked_at).not.toBeNull();
  });
});
