import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase } from '@/tests/db';
import { startSimulator, type Simulator } from '@/scripts/simulator/server';
import { resetEndpointCatalogue } from './catalogue';
import { checkTenantEndpoint, claimCheck, raiseDueAlerts, recordHealth, runClaimedCheck } from './health';

const db = seededDatabase();
let sim: Simulator;
const KEY = 'canary-health-key-5d21';

beforeAll(async () => {
  sim = await startSimulator({ dedicated: { lonely: 0 } });
  process.env.WHATSAPP_ENDPOINTS = JSON.stringify([
    { name: 'Sim', apiUrl: sim.whatsappUrl('sim'), apiKey: KEY },
    { name: 'Lonely', apiUrl: sim.whatsappUrl('lonely'), apiKey: KEY },
  ]);
  resetEndpointCatalogue();
});
afterAll(async () => {
  await sim.close();
});

/** A tenant of the test's own, assigned the endpoint: its id. */
async function assign(endpoint: string, timeout = 5): Promise<string> {
  return (await freshOrganization(db.owner, { members: ['admin'], whatsapp: { endpoint, messageTimeout: timeout } })).id;
}
const row = async (tenant: string) =>
  (await db.owner.query(`select health_status, consecutive_failures, last_error, last_healthy_at, alert_raised_at, unhealthy_since from tenant_whatsapp_config where tenant_id = $1`, [tenant])).rows[0];
const audit = async (tenant: string) =>
  (await db.owner.query(`select action, actor_type, actor_label, metadata, changed_fields from integration_audit_logs where org_id = $1 and action like 'whatsapp.%' order by id`, [tenant])).rows;

beforeEach(async () => {
  await fetch(`${sim.url}/_control/reset`, { method: 'POST' });
});

describe('endpoint health over real HTTP', () => {
  it('a healthy endpoint becomes healthy, audited as a change by the health monitor', async () => {
    const tenant = await assign('Sim');
    expect(await checkTenantEndpoint(tenant)).toMatchObject({ status: 'healthy', previous: 'unknown' });
    expect(await row(tenant)).toMatchObject({ health_status: 'healthy', consecutive_failures: 0, last_error: null });
    expect((await row(tenant)).last_healthy_at).toBeInstanceOf(Date);
    expect(await audit(tenant)).toEqual([
      expect.objectContaining({ action: 'whatsapp.health_changed', actor_type: 'system', actor_label: 'Health monitor', changed_fields: ['health_status'], metadata: expect.objectContaining({ endpoint: 'Sim', from: 'unknown', to: 'healthy' }) }),
    ]);
    expect(sim.whatsapp.statsOf('sim').hits).toBe(1);
  });

  it('500s degrade it, then make it unhealthy; recovery makes it healthy', async () => {
    const tenant = await assign('Sim');
    await sim.setWhatsApp('sim', '500');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await checkTenantEndpoint(tenant))!.status);
    expect(statuses).toEqual(['degraded', 'degraded', 'unhealthy']);
    expect(await row(tenant)).toMatchObject({ consecutive_failures: 3, last_error: 'The endpoint answered HTTP 500.' });
    await sim.setWhatsApp('sim', 'healthy');
    expect((await checkTenantEndpoint(tenant))!.status).toBe('healthy');
  });

  it('a refused key is unhealthy at once', async () => {
    const tenant = await assign('Sim');
    await sim.setWhatsApp('sim', '401');
    expect(await checkTenantEndpoint(tenant)).toMatchObject({ status: 'unhealthy', reason: 'The endpoint rejected the API key (HTTP 401).' });
  });

  it('the key it sends is the one from the server environment', async () => {
    const tenant = await assign('Sim');
    await sim.setWhatsApp('sim', 'healthy', { apiKey: 'some-other-key' });
    expect((await checkTenantEndpoint(tenant))!.status).toBe('unhealthy');
    await sim.setWhatsApp('sim', 'healthy', { apiKey: KEY });
    expect((await checkTenantEndpoint(tenant))!.status).toBe('healthy');
  });

  it("a slow answer within the tenant's timeout is degraded; beyond it, a timeout", async () => {
    const tenant = await assign('Sim', 2);
    await sim.setWhatsApp('sim', 'slow', { delayMs: 1200 });
    expect(await checkTenantEndpoint(tenant)).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/^Slow: answered in \d+ ms/) });
    await sim.setWhatsApp('sim', 'slow', { delayMs: 5000 });
    const started = Date.now();
    expect(await checkTenantEndpoint(tenant)).toMatchObject({ status: 'degraded', reason: 'Timed out after 2 s.' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a refused connection is named as such', async () => {
    const tenant = await assign('Lonely');
    await sim.setWhatsApp('lonely', 'refused');
    expect(await checkTenantEndpoint(tenant)).toMatchObject({ status: 'degraded', reason: 'Connection refused.' });
    await sim.setWhatsApp('lonely', 'healthy');
    expect((await checkTenantEndpoint(tenant))!.status).toBe('healthy');
  });

  it('an endpoint that left the configuration is unhealthy, without a request', async () => {
    const tenant = await assign('Gone');
    expect(await checkTenantEndpoint(tenant)).toMatchObject({ status: 'unhealthy', reason: 'This endpoint is no longer in the server configuration.' });
  });

  it('raises no alert for an endpoint taken off the server, by a check or by the minute job', async () => {
    const tenant = await assign('Gone');
    const gone = { ok: false as const, latencyMs: 0, definitive: true, reason: 'This endpoint is no longer in the server configuration.' };
    const t0 = Date.now();
    for (const minute of [0, 6]) await recordHealth(tenant, 'Gone', gone, { now: new Date(t0 + minute * 60_000), removed: true });
    expect(await row(tenant)).toMatchObject({ health_status: 'unhealthy', alert_raised_at: null });
    await raiseDueAlerts(new Date(t0 + 60 * 60_000));
    expect((await row(tenant)).alert_raised_at).toBeNull();
    expect((await audit(tenant)).map((r: { action: string }) => r.action)).not.toContain('whatsapp.alert_raised');
  });

  it('raises an alert after five unhealthy minutes and clears it on recovery, each audited once', async () => {
    const tenant = await assign('Sim');
    const bad = { ok: false as const, latencyMs: 3, definitive: true, reason: 'The endpoint rejected the API key (HTTP 401).' };
    const t0 = Date.now();
    for (const minute of [0, 1, 2, 3, 4, 5, 6]) {
      await recordHealth(tenant, 'Sim', bad, { now: new Date(t0 + minute * 60_000) });
    }
    expect((await row(tenant)).alert_raised_at).toEqual(new Date(t0 + 5 * 60_000));
    await recordHealth(tenant, 'Sim', { ok: true, latencyMs: 4, slow: false }, { now: new Date(t0 + 7 * 60_000) });
    expect(await row(tenant)).toMatchObject({ health_status: 'healthy', alert_raised_at: null, unhealthy_since: null });
    expect((await audit(tenant)).map((r: { action: string }) => r.action)).toEqual([
      'whatsapp.health_changed',
      'whatsapp.alert_raised',
      'whatsapp.health_changed',
      'whatsapp.alert_cleared',
    ]);
  });

  it('lets only one check per tenant be in flight, whoever started it', async () => {
    const tenant = await assign('Sim');
    const first = await claimCheck(tenant);
    expect(first.kind).toBe('claimed');
    expect((await claimCheck(tenant)).kind).toBe('busy');
    expect(await checkTenantEndpoint(tenant)).toBeNull();
    if (first.kind === 'claimed') await runClaimedCheck(first.target);
    expect((await claimCheck(tenant)).kind).toBe('claimed'); // recording released it
    // A claim left by a crashed (or very slow) check expires after the timeout plus a margin; when
    // the slow one finally records, it leaves the newer check's claim in place.
    const slow = await claimCheck(tenant);
    await db.owner.query(`update tenant_whatsapp_config set check_started_at = check_started_at - interval '16 seconds' where tenant_id = $1`, [tenant]);
    const newer = await claimCheck(tenant);
    expect(newer.kind).toBe('claimed');
    if (slow.kind === 'claimed') await runClaimedCheck({ ...slow.target, claim: new Date(slow.target.claim!.getTime() - 16_000) });
    expect((await claimCheck(tenant)).kind).toBe('busy');
    if (newer.kind === 'claimed') await runClaimedCheck(newer.target);
    expect((await claimCheck(tenant)).kind).toBe('claimed');
  });

  it('raises an alert that came due between checks, once', async () => {
    const tenant = await assign('Sim');
    await db.owner.query(
      `update tenant_whatsapp_config set health_status = 'unhealthy', unhealthy_since = now() - interval '10 minutes', last_error = 'Connection refused.' where tenant_id = $1`,
      [tenant],
    );
    expect(await raiseDueAlerts()).toBeGreaterThanOrEqual(1);
    expect(await raiseDueAlerts()).toBe(0);
    expect((await row(tenant)).alert_raised_at).toBeInstanceOf(Date);
    expect((await audit(tenant)).map((r: { action: string }) => r.action)).toEqual(['whatsapp.alert_raised']);
  });

  it('drops a result for an endpoint that was changed meanwhile', async () => {
    const tenant = await assign('Sim');
    expect(await recordHealth(tenant, 'Lonely', { ok: true, latencyMs: 1, slow: false })).toBeNull();
    expect((await row(tenant)).health_status).toBe('unknown');
  });

  it('never writes the URL or the key into the table or the audit trail', async () => {
    // Checks of its own that write every kind of result: healthy, refused key, unreachable, alert.
    const tenants = [await assign('Sim'), await assign('Lonely')];
    expect((await checkTenantEndpoint(tenants[0]!))!.status).toBe('healthy');
    await sim.setWhatsApp('sim', '401');
    expect((await checkTenantEndpoint(tenants[0]!))!.status).toBe('unhealthy');
    await sim.setWhatsApp('lonely', 'refused');
    expect((await checkTenantEndpoint(tenants[1]!))!.status).toBe('degraded');
    await db.owner.query(`update tenant_whatsapp_config set unhealthy_since = now() - interval '10 minutes' where tenant_id = $1`, [tenants[0]]);
    await raiseDueAlerts();
    const rows = (await db.owner.query(`select t.*, (select json_agg(a order by a.id) from integration_audit_logs a where a.org_id = t.tenant_id) as audit from tenant_whatsapp_config t`)).rows;
    const own = tenants.map((t) => rows.find((r: { tenant_id: string }) => r.tenant_id === t) as { audit: { action: string }[] });
    expect(own.map((r) => r.audit.map((a) => a.action))).toEqual([
      ['whatsapp.health_changed', 'whatsapp.health_changed', 'whatsapp.alert_raised'],
      ['whatsapp.health_changed'],
    ]);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain(sim.url);
    expect(dump).not.toContain(`127.0.0.1:${sim.port}`);
  });
});
