// Tenant integrations end to end: an admin configures Exotel Phone in the browser against the provider
// simulator, tests, saves and sees the badge, edits without retyping the secret; failed tests save
// nothing; managers and agents see status only; the REST API works with a session or an API token;
// and the secrets typed here never come back in any page, payload, log or audit row.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { serverLog } from '../playwright.config';
import { accounts, apiSignIn, expect, test, type Account } from './fixtures';
import { withOwner } from './db';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const CANARY_TOKEN = 'exotoken-canary-8c41d2f7a9';
const CANARY_KEY = 'exokey-canary-5b90e3';
const canaries = [CANARY_TOKEN, CANARY_KEY];

const orgId = (slug: string) => withOwner(async (c) => (await c.query<{ id: string }>(`select id from organizations where slug = $1`, [slug])).rows[0]!.id);
const userId = (email: string) => withOwner(async (c) => (await c.query<{ id: string }>(`select id from users where email = $1`, [email])).rows[0]!.id);
const clear = (slug: string, type = 'exotel_phone') =>
  withOwner((c) => c.query(`delete from integration_credentials where integration_type = $2 and organization_id = (select id from organizations where slug = $1)`, [slug, type]));

function expectClean(where: string, text: string, extra: string[] = []) {
  for (const canary of [...canaries, ...extra]) expect(text.includes(canary), `${canary} found in ${where}`).toBe(false);
}

async function fillExotel(page: Page, values: { sid: string; key: string; token: string }) {
  const form = page.getByRole('form', { name: 'Exotel Phone settings' });
  await form.getByLabel('Account SID').fill(values.sid);
  await form.getByLabel('API key').fill(values.key);
  await form.getByLabel('API token').fill(values.token);
  await form.getByLabel('Region').selectOption('in');
  await form.getByLabel('Virtual number').fill('01141169368');
  return form;
}

test.describe.serial('tenant integrations', () => {
  test.beforeAll(async () => {
    await clear('acme');
    await clear('globex');
    await withOwner((c) => c.query(`delete from api_tokens`));
  });

  test('an admin configures Exotel Phone: tests, saves, sees the badge, then renames it without retyping the secret', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/integrations?tab=phone');
    await expect(page.getByTestId('exotel_phone-card').getByTestId('exotel_phone-status')).toContainText('Not set up');
    await page.getByRole('link', { name: 'Exotel Phone', exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/integrations\/exotel_phone$/);
    const status = page.getByTestId('exotel_phone-status');
    await expect(status).toContainText('Not set up');

    const form = await fillExotel(page, { sid: 'acme-e2e', key: CANARY_KEY, token: CANARY_TOKEN });
    await form.getByRole('button', { name: 'Test connection' }).click();
    const result = form.getByRole('status').filter({ hasText: /Answered in \d+ ms/ });
    await expect(result).toContainText(/Connection verified|Connected, with a warning/);
    // A fact that went the wrong way is a warning in words, never "found false".
    await expect(result).not.toContainText(/false|true/);
    await expect(status).toContainText('Not set up'); // testing saves nothing

    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Exotel Phone saved and verified')).toBeVisible();
    await expect(status).toContainText('Verified');

    await page.reload();
    const token = form.getByLabel('API token');
    await expect(token).toHaveValue('');
    await expect(token).toHaveAttribute('placeholder', `Leave blank to keep ••••${CANARY_TOKEN.slice(-4)}`);
    await form.getByLabel('Display name').fill('Sales line');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Exotel Phone saved and verified')).toBeVisible();
    await page.reload();
    await expect(form.getByLabel('Display name')).toHaveValue('Sales line');
    // The server-rendered page already shows the saved values (not only once the form hydrates).
    const html = await (await page.request.get('/settings/integrations/exotel_phone')).text();
    expect(html).toContain('value="Sales line"');
    expect(html).toContain('value="acme-e2e"');
    await expect(status).toContainText('Verified');
    await expect(form.getByText(`Saved, ends in ••••${CANARY_TOKEN.slice(-4)}. Leave blank to keep it.`)).toBeVisible();

    // The secret was kept: testing what is saved still succeeds.
    const check = await page.request.post('/api/v1/settings/integrations/exotel_phone/test', { headers: { origin: baseURL } });
    expect(await check.json()).toMatchObject({ success: true, result: { ok: true } });
    const audit = await withOwner(async (c) =>
      (await c.query(`select changed_fields from integration_audit_logs where action = 'integration.updated' and integration_type = 'exotel_phone' order by id desc limit 1`)).rows[0],
    );
    expect(audit.changed_fields).toEqual(['display_name']);
  });

  test('choosing the Zoho Mail preset fills the SMTP host, port and security', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/integrations/smtp');
    const form = page.getByRole('form', { name: 'SMTP (Zoho Mail or any server) settings' });
    await expect(form.getByLabel('Port')).toHaveValue('587'); // a new form starts as "Custom server"
    await form.getByLabel('Preset').selectOption('zoho_pro');
    await expect(form.getByLabel('SMTP host')).toHaveValue('smtppro.zoho.com');
    await expect(form.getByLabel('Port')).toHaveValue('465');
    await expect(form.getByLabel('Security')).toHaveValue('tls');
  });

  test('a rejected test saves nothing; the admin may then save explicitly unverified', async ({ page }) => {
    await apiSignIn(page.request, accounts.globexAdmin);
    await page.goto('/settings/integrations/exotel_phone');
    const form = await fillExotel(page, { sid: 'globex-e2e', key: 'exokey-globex', token: 'exotoken-bad-globex' });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert').filter({ hasText: 'Credentials rejected' })).toBeVisible();
    await expect(page.getByText('Not saved: the connection test failed')).toBeVisible();
    await expect(page.getByTestId('exotel_phone-status')).toContainText('Not set up');
    expect(await withOwner(async (c) => (await c.query(`select count(*)::int n from integration_credentials where organization_id = $1`, [await orgId('globex')])).rows[0].n)).toBe(0);

    await form.getByRole('button', { name: 'Save anyway (unverified)' }).click();
    await expect(page.getByText('Exotel Phone saved without verification')).toBeVisible();
    await expect(page.getByTestId('exotel_phone-status')).toContainText('Not verified');

    await form.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete Exotel Phone credentials' }).click();
    await expect(page.getByText('Exotel Phone credentials deleted')).toBeVisible();
    await expect(page.getByTestId('exotel_phone-status')).toContainText('Not set up');
  });

  test('managers see status only; agents see only what an admin grants them', async ({ browser }) => {
    const manager = await browser.newPage();
    await apiSignIn(manager.request, accounts.manager);
    await manager.goto('/settings/integrations?tab=phone');
    await expect(manager.getByTestId('exotel_phone-status')).toContainText('Verified');
    await manager.goto('/settings/integrations/exotel_phone');
    await expect(manager.getByTestId('exotel_phone-status')).toContainText('Verified');
    await expect(manager.getByLabel('API token')).toHaveCount(0);
    await expect(manager.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await manager.close();

    const agent = await browser.newPage();
    await apiSignIn(agent.request, accounts.agent);
    await agent.goto('/settings/integrations?tab=phone');
    await expect(agent.getByTestId('exotel_phone-status')).toHaveCount(0);
    expect((await agent.request.get('/api/v1/settings/integrations/exotel_phone')).status()).toBe(404);
    expect((await agent.request.get('/settings/integrations/exotel_phone')).status()).toBe(404);

    const admin = await browser.newPage();
    await apiSignIn(admin.request, accounts.admin);
    await admin.goto('/settings/integrations/exotel_phone');
    await admin.getByRole('switch', { name: 'Ana Agent sees Exotel Phone status' }).click();
    await expect(admin.getByText('Access updated for Ana Agent')).toBeVisible();
    await admin.close();

    await agent.reload();
    await expect(agent.getByTestId('exotel_phone-status')).toContainText('Verified');
    await agent.goto('/settings/integrations/exotel_phone');
    await expect(agent.getByTestId('exotel_phone-status')).toContainText('Verified');
    await expect(agent.getByLabel('API token')).toHaveCount(0);
    await agent.close();
    await withOwner((c) => c.query(`delete from user_integration_permissions`));
  });

  test('the REST API: sessions need the admin role and the portal’s origin; tokens are shown once, used and revoked', async ({ page, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get('/api/v1/settings/integrations')).status()).toBe(401);

    const agent = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    await apiSignIn(agent, accounts.agent);
    const refused = await agent.post('/api/v1/settings/integrations/exotel_phone', { data: { display_name: 'Mine' } });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });

    const admin = await playwright.request.newContext({ baseURL });
    await apiSignIn(admin, accounts.admin);
    const crossSite = await admin.post('/api/v1/settings/integrations/exotel_phone', { headers: { origin: 'https://evil.example' }, data: { display_name: 'x' } });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'bad_origin' } });
    const headers = { origin: baseURL };
    expect((await admin.get('/api/v1/settings/integrations/nope')).status()).toBe(404);
    const otherMember = await admin.put('/api/v1/settings/integrations/exotel_phone/permissions', {
      headers,
      data: { user_id: await userId(accounts.globexAdmin), can_use: true, can_view_status: true },
    });
    expect(otherMember.status()).toBe(404);
    const invalid = await admin.post('/api/v1/settings/integrations/twilio', { headers, data: { account_sid: 'SK0123', auth_token: 'x' } });
    expect(invalid.status()).toBe(422);
    const body = (await invalid.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['account_sid', 'auth_token']));

    // A token, created in the browser and shown once.
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/api-tokens');
    await page.getByLabel('Name').fill('E2E client');
    await page.getByLabel('Access').selectOption('admin');
    // Reading is chosen already; testing a connection changes settings.
    await expect(page.getByRole('checkbox', { name: 'Read settings' })).toBeChecked();
    await page.getByRole('checkbox', { name: 'Change settings' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByLabel('New API token').inputValue();
    expect(token).toMatch(/^sbt_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row', { name: /E2E client/ });
    await expect(row).toContainText('Never used');
    await expect(row).toContainText('Read settings');
    await expect(row).toContainText('Change settings');
    await expect(row).not.toContainText('Send messages');
    expect(await page.content()).not.toContain(token);

    const bearer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const list = await bearer.get('/api/v1/settings/integrations');
    expect(list.status()).toBe(200);
    const listed = (await list.json()) as { integrations: { type: string; state: string }[] };
    expect(listed.integrations.find((i) => i.type === 'exotel_phone')).toMatchObject({ state: 'verified' });
    // No Origin needed with a token; the test runs against the saved credentials.
    const tested = await bearer.post('/api/v1/settings/integrations/exotel_phone/test');
    expect(await tested.json()).toMatchObject({ success: true });
    const audit = await withOwner(async (c) =>
      (await c.query(`select actor_type, actor_label from integration_audit_logs where action = 'integration.tested' order by id desc limit 1`)).rows[0],
    );
    expect(audit).toEqual({ actor_type: 'api_token', actor_label: 'E2E client' });

    await page.reload();
    await expect(row).not.toContainText('Never used');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await expect(page.getByText('Token revoked')).toBeVisible();
    expect((await bearer.get('/api/v1/settings/integrations')).status()).toBe(401);

    for (const context of [anonymous, agent, admin, bearer]) await context.dispose();
    expectClean('server log', await readFile(serverLog, 'utf8'), [token]);
    const rows = await withOwner(async (c) => (await c.query(`select l::text as row from integration_audit_logs l`)).rows.map((r) => r.row).join('\n'));
    expectClean('audit rows', rows, [token]);
  });

  test('the secrets never come back, for any role', async ({ browser }) => {
    test.setTimeout(120_000); // six roles, twelve pages and APIs each
    const roles: Account[] = ['admin', 'manager', 'agent', 'globexAdmin', 'consultant', 'superadmin'];
    for (const role of roles) {
      const page = await browser.newPage();
      await apiSignIn(page.request, accounts[role]);
      for (const path of ['/settings/integrations?tab=phone', '/settings/integrations/exotel_phone', '/settings/integrations/meta_whatsapp', '/settings/audit', '/settings/api-tokens']) {
        const response = await page.goto(path);
        expectClean(`HTML of ${path} as ${role}`, (await response?.text()) ?? '');
        expectClean(`RSC of ${path} as ${role}`, await (await page.request.get(path, { headers: { RSC: '1' } })).text());
      }
      for (const path of ['/api/v1/settings/integrations', '/api/v1/settings/integrations/exotel_phone', '/api/v1/settings/audit', '/api/v1/settings/audit/export']) {
        expectClean(`${path} as ${role}`, await (await page.request.get(path)).text());
      }
      await page.close();
    }
    const rows = await withOwner(async (c) => (await c.query(`select l::text as row from integration_audit_logs l`)).rows.map((r) => r.row).join('\n'));
    expectClean('audit rows', rows);
    const stored = await withOwner(async (c) => (await c.query(`select c::text as row from integration_credentials c`)).rows.map((r) => r.row).join('\n'));
    expectClean('stored credentials', stored);
    expectClean('server log', await readFile(serverLog, 'utf8'));
  });
});

test.describe.serial('Google Calendar over OAuth', () => {
  test.beforeAll(() => clear('acme', 'google_calendar'));

  test('an admin saves the OAuth client, grants access on the consent page, and comes back Verified', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/integrations/google_calendar');
    const form = page.getByRole('form', { name: 'Google Calendar settings' });
    const status = page.getByTestId('google_calendar-status');
    await form.getByLabel('OAuth client id').fill('1234-e2e.apps.googleusercontent.com');
    await form.getByLabel('OAuth client secret').fill('GOCSPX-e2e-client-secret');
    await form.getByRole('button', { name: 'Save' }).click();
    // No Google account is connected yet: the client is saved, waiting for consent.
    await expect(page.getByText('Google Calendar saved without verification')).toBeVisible();
    await expect(status).toContainText('Not verified');
    await page.reload();

    await page.getByRole('link', { name: 'Connect Google Calendar' }).click();
    await expect(page).toHaveURL(/\/google\/oauth\/auth/);
    await page.getByRole('link', { name: 'Allow' }).click();
    await expect(page).toHaveURL(/\/settings\/integrations\/google_calendar\?connected=1$/);
    await expect(page.getByText('Connected. The account’s access was saved and verified.')).toBeVisible();
    await expect(status).toContainText('Verified');
    const audit = await withOwner(async (c) =>
      (await c.query(`select changed_fields, outcome from integration_audit_logs where action = 'integration.connected' order by id desc limit 1`)).rows[0],
    );
    expect(audit).toEqual({ changed_fields: ['refresh_token'], outcome: 'success' });
    const row = await withOwner(async (c) => (await c.query(`select c::text as row from integration_credentials c where integration_type = 'google_calendar'`)).rows[0].row as string);
    expect(row).not.toContain('1//sim');
  });

  test('a callback without the state this admin started is refused and changes nothing', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    const before = await withOwner(async (c) => (await c.query(`select version from integration_credentials where integration_type = 'google_calendar'`)).rows[0].version as number);
    await page.goto('/api/v1/settings/integrations/google_calendar/oauth/callback?code=sim-code-forged&state=forged');
    await expect(page.getByText('it did not come from a connection you started here')).toBeVisible();
    const after = await withOwner(async (c) => (await c.query(`select version from integration_credentials where integration_type = 'google_calendar'`)).rows[0].version as number);
    expect(after).toBe(before);
    // Another role cannot start a connection at all.
    const agent = await page.context().browser()!.newPage();
    await apiSignIn(agent.request, accounts.agent);
    expect((await agent.request.get('/api/v1/settings/integrations/google_calendar/oauth/start', { maxRedirects: 0 })).status()).toBe(403);
    await agent.close();
  });
});
