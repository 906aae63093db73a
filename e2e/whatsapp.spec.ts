import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { withOwner } from './db';
import { e2eEndpoints, setEndpointMode, simulatorUrl } from './endpoints';
import { expectNotLive, holdScripts } from './hydration';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

const orgId = (slug: string) =>
  withOwner(async (c) => (await c.query<{ id: string }>(`select id from organizations where slug = $1`, [slug])).rows[0]!.id);
const configOf = (tenantId: string) =>
  withOwner(async (c) => (await c.query(`select * from tenant_whatsapp_config where tenant_id = $1`, [tenantId])).rows);
const clearGlobex = async () => withOwner(async (c) => c.query(`delete from tenant_whatsapp_config where tenant_id = (select id from organizations where slug = 'globex')`));

/** A signed-in API client that sends the portal's Origin, as the browser would. */
async function apiAs(account: keyof typeof accounts | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  if (account) await apiSignIn(context, accounts[account]);
  return context;
}

test.beforeEach(async () => {
  await fetch(`${simulatorUrl}/_control/reset`, { method: 'POST' });
  await clearGlobex();
});

test.describe('superadmin assigns an endpoint in the browser', () => {
  test.use({ account: 'superadmin' });

  test('assign, see health, change, remove; the tenant sees only the name, badge and last check', async ({ page, browser }) => {
    const globex = await orgId('globex');
    await page.goto('/admin/tenants');
    await page.getByRole('searchbox', { name: 'Search' }).fill('glob');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/q=glob/);
    await expect(page.getByRole('row')).toHaveCount(2); // header + Globex
    await page.getByRole('link', { name: 'WhatsApp setup for Globex Industries' }).click();
    await expect(page.getByRole('heading', { name: 'WhatsApp setup · Globex Industries' })).toBeVisible();

    // The dropdown lists names only.
    await expect(page.getByRole('combobox', { name: 'Endpoint' }).locator('option:not([disabled])')).toHaveText(e2eEndpoints.map((e) => e.name));
    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Secondary' });
    await page.getByLabel('Health check interval').fill('5');
    await page.getByRole('button', { name: 'Assign endpoint' }).click();
    await expect(page.getByText('Health check interval must be between 10 and 3600 seconds.')).toBeVisible();
    await page.getByLabel('Health check interval').fill('30');
    await page.getByRole('button', { name: 'Assign endpoint' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Assign “Secondary” to Globex Industries?' })).toBeVisible();
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.getByText('Endpoint assigned')).toBeVisible();
    expect(await configOf(globex)).toEqual([expect.objectContaining({ endpoint_name: 'Secondary', health_check_interval: 30 })]);

    // The job runner checks a new assignment at once; the card picks it up on its own.
    await expect(page.getByTestId('endpoint-health')).toHaveText('Healthy', { timeout: 20_000 });

    // The tenant's admin sees which endpoint and its health, nothing more.
    const tenant = await browser.newPage();
    await apiSignIn(tenant.request, accounts.globexAdmin);
    await tenant.goto('/settings/integrations?tab=whatsapp');
    await expect(tenant.getByTestId('platform-endpoint-line')).toContainText('Secondary');
    await tenant.getByTestId('platform-endpoint-line').getByRole('link', { name: 'Details' }).click();
    await expect(tenant).toHaveURL(/\/settings\/integrations\/[a-z_]+#platform-endpoint$/);
    await expect(tenant.getByTestId('endpoint-name')).toHaveText('Secondary');
    await expect(tenant.getByTestId('endpoint-health')).toHaveText('Healthy');
    await expect(tenant.getByText('Last check')).toBeVisible();
    await expect(tenant.getByText('Failures in a row')).toHaveCount(0);

    // Change to an endpoint that refuses connections: "Check now" shows why.
    await setEndpointMode('Refusing', 'refused');
    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Refusing' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Change endpoint' }).click();
    await expect(page.getByText('Endpoint settings saved')).toBeVisible();
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(page.getByText(/Check finished: degraded .*Connection refused\./)).toBeVisible();
    await expect(page.getByTestId('endpoint-last-error')).toHaveText('Connection refused.');

    // Remove, with confirmation.
    await page.getByRole('button', { name: 'Remove endpoint' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove Refusing' }).click();
    await expect(page.getByText('Endpoint removed')).toBeVisible();
    expect(await configOf(globex)).toEqual([]);
    await tenant.reload();
    await expect(tenant.getByText('No WhatsApp endpoint is assigned.')).toBeVisible();

    const actions = await withOwner(async (c) =>
      (await c.query<{ action: string }>(`select action from integration_audit_logs where org_id = $1 and action like 'whatsapp.endpoint_%' order by id`, [globex])).rows.map((r) => r.action),
    );
    expect(actions.slice(-3)).toEqual(['whatsapp.endpoint_assigned', 'whatsapp.endpoint_changed', 'whatsapp.endpoint_removed']);
  });

  test('an endpoint that stays unhealthy raises an alert banner for superadmins and the tenant’s admins; recovery clears it', async ({ page, browser }) => {
    const acme = await orgId('acme');
    const api = await apiAs('superadmin');
    await setEndpointMode('Primary', '401');
    // 401 is unhealthy at once; the e2e alert delay is 2 s, so the second check raises the alert.
    expect((await api.post(`/api/whatsapp/tenant-config/${acme}/check`)).status()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const second = await api.post(`/api/whatsapp/tenant-config/${acme}/check`);
    expect((await second.json()).health).toMatchObject({ status: 'unhealthy', reason: 'The endpoint rejected the API key (HTTP 401).' });

    await page.goto('/admin/tenants');
    await expect(page.getByRole('alert').filter({ hasText: 'failed its health checks for more than 2 seconds' })).toBeVisible();
    await page.getByRole('link', { name: 'See which' }).click();
    await expect(page.getByRole('row', { name: /Acme Corporation/ })).toContainText('Alert');

    const tenantAdmin = await browser.newPage();
    await apiSignIn(tenantAdmin.request, accounts.admin);
    await tenantAdmin.goto('/settings/team');
    await expect(tenantAdmin.getByRole('alert').filter({ hasText: 'Your WhatsApp endpoint “Primary” started failing its health checks' })).toBeVisible();
    const agent = await browser.newPage();
    await apiSignIn(agent.request, accounts.agent);
    await agent.goto('/settings/team');
    await expect(agent.getByText('started failing its health checks')).toHaveCount(0); // admins only

    await setEndpointMode('Primary', 'healthy');
    expect((await (await api.post(`/api/whatsapp/tenant-config/${acme}/check`)).json()).health.status).toBe('healthy');
    await tenantAdmin.reload();
    await expect(tenantAdmin.getByText('started failing its health checks')).toHaveCount(0);
    const actions = await withOwner(async (c) =>
      (await c.query<{ action: string }>(`select action from integration_audit_logs where org_id = $1 and action like 'whatsapp.alert_%' order by id`, [acme])).rows.map((r) => r.action),
    );
    expect(actions.slice(-2)).toEqual(['whatsapp.alert_raised', 'whatsapp.alert_cleared']);
    await api.dispose();
  });
});

test.describe('the assignment form before the page comes alive', () => {
  test.use({ account: 'superadmin' });

  test('shows the saved settings, keeps an endpoint and a number chosen early, and saves them once live', async ({ page }) => {
    const globex = await orgId('globex');
    await withOwner((c) => c.query(`insert into tenant_whatsapp_config (tenant_id, endpoint_name, health_check_interval) values ($1, 'Primary', 45)`, [globex]));
    const release = await holdScripts(page);
    await page.goto(`/admin/tenants/${globex}/whatsapp`, { waitUntil: 'commit' });
    const endpoint = page.getByRole('combobox', { name: 'Endpoint' });
    const interval = page.getByLabel('Health check interval');
    // The server's markup carries the saved values, and the fields take a choice at once.
    await expect(endpoint).toHaveValue('Primary');
    await expect(interval).toHaveValue('45');
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled(); // a submit now would be the browser's own
    await expectNotLive(page);
    await endpoint.selectOption({ label: 'Secondary' });
    await interval.fill('60');
    release();
    await page.getByRole('button', { name: 'Save changes' }).click();
    // The form saw the early choice: it asks about changing the endpoint, and saves both values.
    await page.getByRole('alertdialog', { name: 'Change Globex Industries from “Primary” to “Secondary”?' }).getByRole('button', { name: 'Change endpoint' }).click();
    await expect(page.getByText('Endpoint settings saved')).toBeVisible();
    expect(await configOf(globex)).toEqual([expect.objectContaining({ endpoint_name: 'Secondary', health_check_interval: 60 })]);
  });
});

test.describe('an endpoint taken off the server', () => {
  test.use({ account: 'superadmin' });

  test('is a choice to make, not an outage: amber words, no alert banner, the way to choose another', async ({ page, browser }) => {
    const globex = await orgId('globex');
    // As if "Retired" had served Globex until the platform took it out of WHATSAPP_ENDPOINTS, failing and alerting since.
    await withOwner((c) =>
      c.query(
        `insert into tenant_whatsapp_config (tenant_id, endpoint_name, health_status, consecutive_failures, last_error, unhealthy_since, alert_raised_at, last_health_check)
         values ($1, 'Retired', 'unhealthy', 3, 'This endpoint is no longer in the server configuration.', now() - interval '1 hour', now() - interval '50 minutes', now())`,
        [globex],
      ),
    );

    const tenantAdmin = await browser.newPage();
    await apiSignIn(tenantAdmin.request, accounts.globexAdmin);
    await tenantAdmin.goto('/settings/integrations/meta_whatsapp');
    await expect(tenantAdmin.getByTestId('endpoint-health')).toHaveText('Not on the server any more');
    await expect(tenantAdmin.getByTestId('endpoint-removed')).toContainText('Your platform operator needs to choose another endpoint');
    await expect(tenantAdmin.getByText('Unhealthy', { exact: true })).toHaveCount(0);
    await expect(tenantAdmin.getByText('started failing its health checks')).toHaveCount(0); // no banner
    await expect(tenantAdmin.getByRole('button', { name: 'Check now' })).toHaveCount(0);
    await tenantAdmin.close();

    await page.goto('/admin/tenants?q=globex');
    const row = page.getByRole('row', { name: /Globex Industries/ });
    await expect(row).toContainText('Not on the server any more');
    await expect(row).not.toContainText('Alert');
    await row.getByRole('link', { name: 'Choose another endpoint for Globex Industries' }).click();
    await expect(page.getByTestId('endpoint-removed')).toContainText('Choose another endpoint for this tenant');
    await expect(page.getByText('Not on the server any more — choose another endpoint.')).toBeVisible();
    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Secondary' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Change endpoint' }).click();
    await expect(page.getByText('Endpoint settings saved')).toBeVisible();
    await expect(page.getByTestId('endpoint-name')).toHaveText('Secondary');
    await expect(page.getByTestId('endpoint-removed')).toHaveCount(0);
  });
});

test.describe('the tenant-config API', () => {
  test('refuses a missing session, a lower role and another tenant', async () => {
    const globex = await orgId('globex');
    const acme = await orgId('acme');
    const anonymous = await apiAs(null);
    expect((await anonymous.get('/api/whatsapp/available-endpoints')).status()).toBe(401);
    expect((await anonymous.get(`/api/whatsapp/tenant-config/${acme}`)).status()).toBe(401);
    expect((await anonymous.post(`/api/whatsapp/tenant-config/${acme}`, { data: { endpoint_name: 'Primary' } })).status()).toBe(401);

    const admin = await apiAs('admin');
    expect((await admin.get('/api/whatsapp/available-endpoints')).status()).toBe(403);
    const post = await admin.post(`/api/whatsapp/tenant-config/${acme}`, { data: { endpoint_name: 'Secondary' } });
    expect(post.status()).toBe(403);
    expect((await post.json()).error.code).toBe('forbidden');
    expect((await admin.delete(`/api/whatsapp/tenant-config/${acme}`)).status()).toBe(403);
    expect((await admin.get(`/api/whatsapp/tenant-config/${acme}`)).status()).toBe(200);
    const other = await admin.get(`/api/whatsapp/tenant-config/${globex}`);
    expect(other.status()).toBe(404);
    expect((await other.json()).error.code).toBe('not_found');
    expect((await admin.post(`/api/whatsapp/tenant-config/${globex}/check`)).status()).toBe(404);

    const agent = await apiAs('agent');
    expect((await agent.post(`/api/whatsapp/tenant-config/${acme}/check`)).status()).toBe(403);
    expect(await configOf(acme)).toEqual([expect.objectContaining({ endpoint_name: 'Primary' })]);
    await Promise.all([anonymous.dispose(), admin.dispose(), agent.dispose()]);
  });

  test('lists names only, refuses unknown names and out-of-range settings, and keeps one row under a race', async () => {
    const globex = await orgId('globex');
    const api = await apiAs('superadmin');
    const list = await api.get('/api/whatsapp/available-endpoints');
    expect(await list.json()).toEqual({ endpoints: ['Primary', 'Secondary', 'Refusing'], count: 3 });

    const unknown = await api.post(`/api/whatsapp/tenant-config/${globex}`, { data: { endpoint_name: 'primary' } });
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).error).toMatchObject({ code: 'unknown_endpoint', message: expect.stringContaining('case-sensitive') });
    const range = await api.post(`/api/whatsapp/tenant-config/${globex}`, { data: { endpoint_name: 'Primary', webhook_retries: 11, message_timeout: 0 } });
    expect(range.status()).toBe(422);
    expect(Object.keys((await range.json()).error.fields).sort()).toEqual(['message_timeout', 'webhook_retries']);
    expect(await configOf(globex)).toEqual([]);

    const racing = await Promise.all(['Primary', 'Secondary', 'Primary', 'Secondary'].map((name) => api.post(`/api/whatsapp/tenant-config/${globex}`, { data: { endpoint_name: name } })));
    expect(racing.map((r) => r.status()).sort()).toEqual([200, 200, 200, 201]);
    expect(await configOf(globex)).toHaveLength(1);
    const got = await (await api.get(`/api/whatsapp/tenant-config/${globex}`)).json();
    expect(got.config).toMatchObject({ tenant_id: globex, is_configured: true });
    expect(Object.keys(got.config)).not.toContain('apiUrl');

    expect((await api.delete(`/api/whatsapp/tenant-config/${globex}`)).status()).toBe(200);
    expect((await api.delete(`/api/whatsapp/tenant-config/${globex}`)).status()).toBe(404);
    await api.dispose();
  });
});
