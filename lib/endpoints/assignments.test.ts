import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { freshOrganization, seededDatabase, superadminContext, userContextOf, type FreshOrganization } from '@/tests/db';
import type { OrgRole } from '@/lib/db/rls';
import { endpointSettingsSchema } from '@/lib/validations/whatsapp';
import { resetEndpointCatalogue } from './catalogue';
import { assignEndpoint, checkNow, getTenantConfig, removeEndpoint } from './assignments';

const db = seededDatabase();

beforeAll(() => {
  process.env.WHATSAPP_ENDPOINTS = JSON.stringify([
    { name: 'Primary', apiUrl: 'http://127.0.0.1:59999/none', apiKey: 'k-primary' },
    { name: 'Secondary', apiUrl: 'http://127.0.0.1:59999/none', apiKey: 'k-secondary' },
  ]);
  resetEndpointCatalogue();
});

// Each test assigns endpoints to tenants of its own, so none sees another's assignment or audit rows.
const tenant = (...members: OrgRole[]) => freshOrganization(db.owner, { members });
const superadmin = () => superadminContext(db.seeded);
const member = (org: FreshOrganization, role: OrgRole) => userContextOf(org.member(role), org);

const settings = (overrides: Record<string, unknown> = {}) => endpointSettingsSchema.parse({ endpoint_name: 'Primary', ...overrides });
const rows = async (org: FreshOrganization) => (await db.owner.query(`select endpoint_name, version from tenant_whatsapp_config where tenant_id = $1`, [org.id])).rows;
const audits = (org: FreshOrganization) => async (action: string) =>
  (await db.owner.query<{ n: number }>(`select count(*)::int n from integration_audit_logs where org_id = $1 and action = $2`, [org.id, action])).rows[0]!.n;

describe('endpoint assignments', () => {
  it('are platform work: a tenant admin may neither assign nor remove, even their own', async () => {
    const org = await tenant('admin');
    const admin = member(org, 'admin');
    await expect(assignEndpoint(admin, org.id, settings())).rejects.toMatchObject({ status: 403 });
    await expect(removeEndpoint(admin, org.id)).rejects.toMatchObject({ status: 403 });
    expect(await rows(org)).toEqual([]);
  });

  it('assigns, changes (naming the changed fields) and removes, auditing each once', async () => {
    const org = await tenant('admin');
    const ctx = superadmin();
    const actions = ['whatsapp.endpoint_assigned', 'whatsapp.endpoint_changed', 'whatsapp.endpoint_removed', 'whatsapp.health_changed'];
    const before = await Promise.all(actions.map(audits(org)));
    const assigned = await assignEndpoint(ctx, org.id, settings());
    expect(assigned).toMatchObject({ change: 'assigned', config: { endpoint_name: 'Primary', is_configured: true, health_status: 'unknown', version: 1 } });
    expect(await assignEndpoint(ctx, org.id, settings())).toMatchObject({ change: 'unchanged' });
    const changed = await assignEndpoint(ctx, org.id, settings({ endpoint_name: 'Secondary', message_timeout: 10 }));
    expect(changed).toMatchObject({ change: 'changed', config: { endpoint_name: 'Secondary', message_timeout: 10, version: 2 } });
    const row = (await db.owner.query(`select changed_fields, metadata from integration_audit_logs where org_id = $1 and action = 'whatsapp.endpoint_changed' order by id desc limit 1`, [org.id])).rows[0];
    expect(row).toEqual({ changed_fields: ['endpoint_name', 'message_timeout'], metadata: { endpoint: 'Secondary', previous_endpoint: 'Primary' } });
    await removeEndpoint(ctx, org.id);
    expect(await rows(org)).toEqual([]);
    const after = await Promise.all(actions.map(audits(org)));
    // One row each; no health change, since it was never checked and there was nothing to reset.
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1, 0]);
  });

  it('keeps settings a request leaves out, and audits the health record a new endpoint replaces', async () => {
    const org = await tenant('admin');
    const ctx = superadmin();
    await assignEndpoint(ctx, org.id, settings({ health_check_interval: 120, webhook_retries: 7 }));
    await db.owner.query(`update tenant_whatsapp_config set health_status = 'unhealthy', alert_raised_at = now() where tenant_id = $1`, [org.id]);
    const { config } = await assignEndpoint(ctx, org.id, endpointSettingsSchema.parse({ endpoint_name: 'Secondary' }));
    expect(config).toMatchObject({ endpoint_name: 'Secondary', health_check_interval: 120, webhook_retries: 7, health_status: 'unknown', alert_raised_at: null });
    const trail = (await db.owner.query(`select action, metadata from integration_audit_logs where org_id = $1 order by id desc limit 3`, [org.id])).rows.reverse();
    expect(trail).toEqual([
      expect.objectContaining({ action: 'whatsapp.endpoint_changed' }),
      expect.objectContaining({ action: 'whatsapp.health_changed', metadata: expect.objectContaining({ from: 'unhealthy', to: 'unknown', reason: 'Endpoint changed' }) }),
      expect.objectContaining({ action: 'whatsapp.alert_cleared' }),
    ]);
  });

  it('refuses an unknown or wrongly-cased name with 422 and stores nothing', async () => {
    const org = await tenant('admin');
    for (const name of ['Tertiary', 'primary', 'Primary ']) {
      await expect(assignEndpoint(superadmin(), org.id, settings({ endpoint_name: name }))).rejects.toMatchObject({ status: 422, code: 'unknown_endpoint' });
    }
    expect(await rows(org)).toEqual([]);
  });

  it('range-checks the settings', () => {
    const bad = endpointSettingsSchema.safeParse({ endpoint_name: 'Primary', health_check_interval: 5, webhook_retries: 11, message_timeout: 121, reconnect_interval: 3601 });
    expect(bad.success).toBe(false);
    const fields = Object.keys(z.flattenError(bad.error!).fieldErrors).sort();
    expect(fields).toEqual(['health_check_interval', 'message_timeout', 'reconnect_interval', 'webhook_retries']);
  });

  it('two assignments racing for one tenant leave exactly one row', async () => {
    const org = await tenant('admin');
    const results = await Promise.all([assignEndpoint(superadmin(), org.id, settings()), assignEndpoint(superadmin(), org.id, settings({ endpoint_name: 'Secondary' }))]);
    expect(results.map((r) => r.change).sort()).toEqual(['assigned', 'changed']);
    expect(await rows(org)).toHaveLength(1);
  });

  it('refuses to overwrite a change the editor has not seen', async () => {
    const org = await tenant('admin');
    const ctx = superadmin();
    await assignEndpoint(ctx, org.id, settings({ expected_version: null }));
    // A second editor who also loaded "no assignment" is told, not allowed to overwrite.
    await expect(assignEndpoint(ctx, org.id, settings({ endpoint_name: 'Secondary', expected_version: null }))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('"Primary"') });
    await expect(removeEndpoint(ctx, org.id, 7)).rejects.toMatchObject({ status: 409 });
    await removeEndpoint(ctx, org.id, 1);
    expect(await rows(org)).toEqual([]);
  });

  it("lets a tenant's members read their own row only; another tenant's id is not found", async () => {
    const [org, other] = [await tenant('admin', 'agent'), await tenant('admin')];
    await assignEndpoint(superadmin(), org.id, settings());
    expect(await getTenantConfig(member(org, 'agent'), org.id)).toMatchObject({ endpoint_name: 'Primary' });
    await expect(getTenantConfig(member(other, 'admin'), org.id)).rejects.toMatchObject({ status: 404 });
    await expect(getTenantConfig(member(other, 'admin'), 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
    await expect(getTenantConfig(superadmin(), '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
  });

  it('RLS stops tenants from writing or reading other rows even if the code forgot to check', async () => {
    const org = await tenant('admin');
    // Another tenant with a row of its own (which must stay unseen), and one without (which must stay so).
    const other = await freshOrganization(db.owner, { members: ['admin'], whatsapp: { endpoint: 'Secondary' } });
    const bare = await tenant('admin');
    await assignEndpoint(superadmin(), org.id, settings());
    const admin = member(org, 'admin');
    await expect(admin.db((tx) => tx.query(`update tenant_whatsapp_config set endpoint_name = 'Secondary' where tenant_id = $1 returning 1`, [org.id]))).resolves.toEqual([]);
    await expect(admin.db((tx) => tx.query(`insert into tenant_whatsapp_config (tenant_id, endpoint_name) values ($1, 'Primary')`, [bare.id]))).rejects.toThrow(/row-level security/);
    await expect(admin.db((tx) => tx.query(`delete from tenant_whatsapp_config returning 1`))).resolves.toEqual([]);
    const visible = await admin.db((tx) => tx.query<{ tenant_id: string }>(`select tenant_id from tenant_whatsapp_config`));
    expect(visible.map((r) => r.tenant_id)).toEqual([org.id]);
    expect((await rows(org))[0]).toMatchObject({ endpoint_name: 'Primary' });
    expect((await rows(other))[0]).toMatchObject({ endpoint_name: 'Secondary' });
    expect(await rows(bare)).toEqual([]);
    // Members get the summary: which endpoint, its health, the last check; superadmins everything.
    const summary = await getTenantConfig(admin, org.id);
    expect(Object.keys(summary!).sort()).toEqual(['endpoint_name', 'endpoint_on_server', 'health_check_interval', 'health_status', 'is_configured', 'last_health_check', 'tenant_id']);
    expect(await getTenantConfig(superadmin(), org.id)).toHaveProperty('consecutive_failures');
  });

  it('lets only superadmins and the tenant’s admins run a check', async () => {
    const [org, other] = [await tenant('admin', 'agent'), await tenant('admin')];
    await assignEndpoint(superadmin(), org.id, settings());
    await expect(checkNow(member(org, 'agent'), org.id)).rejects.toMatchObject({ status: 403 });
    await expect(checkNow(member(other, 'admin'), org.id)).rejects.toMatchObject({ status: 404 });
    await expect(checkNow(member(org, 'admin'), org.id)).resolves.toMatchObject({ status: 'degraded', previous: 'unknown' });
    // While another check is in flight, a second one waits for it (up to the timeout) instead of
    // running alongside; a check stuck past that is refused.
    await db.owner.query(`update tenant_whatsapp_config set message_timeout = 1, check_started_at = now() where tenant_id = $1`, [org.id]);
    const started = Date.now();
    await expect(checkNow(superadmin(), org.id)).rejects.toMatchObject({ status: 409 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    await db.owner.query(`update tenant_whatsapp_config set check_started_at = now() where tenant_id = $1`, [org.id]);
    setTimeout(() => void db.owner.query(`update tenant_whatsapp_config set check_started_at = null where tenant_id = $1`, [org.id]), 500);
    await expect(checkNow(superadmin(), org.id)).resolves.toMatchObject({ status: 'degraded' });
  });
});
