// The integrations overview and each integration's own page, for an organization of its own: the
// cards show each provider's status, the group and status filters live in the URL (seed links such
// as ?tab=email still select their group), a card opens its page, and each role sees only what it
// may: agents nothing they were not granted (not even its page), managers status without the form.
import { randomUUID } from 'node:crypto';
import { request as playwrightRequest, type Page } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { withOwner } from './db';
import { expectPhoneReadyInBothThemes } from './a11y';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const tag = randomUUID().slice(0, 8);
const slug = `initech-${tag}`;
const email = (role: string) => `${role}-${tag}@initech.example`;
const hex32 = (prefix: string) => prefix.padEnd(32, '0');

test.beforeAll(async () => {
  await withOwner(async (c) => {
    const org = await c.query<{ id: string }>(`insert into organizations (slug, name) values ($1, $2) returning id`, [slug, `Initech ${tag}`]);
    for (const role of ['admin', 'manager', 'agent']) {
      const user = await c.query<{ id: string }>(`insert into users (email, name, password_hash) select $1, $2, password_hash from users where email = $3 returning id`, [
        email(role),
        `Ivy ${role[0]!.toUpperCase()}${role.slice(1)}`,
        accounts.admin,
      ]);
      await c.query(`insert into memberships (org_id, user_id, role) values ($1, $2, $3)`, [org.rows[0]!.id, user.rows[0]!.id, role]);
    }
  });
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(api, email('admin'));
  const save = async (type: string, credentials: Record<string, string>, unverified = false) =>
    expect((await api.post(`/api/v1/settings/integrations/${type}`, { data: { display_name: type, credentials, save_unverified: unverified } })).status()).toBe(201);
  await save('twilio', { account_sid: `AC${hex32('0123456789abcdef')}`, auth_token: hex32('feedfacecafe1111'), sms_number: '+1 415 555 0100' });
  await save('resend', { api_key: 're_simGoodKey_123', from_email: 'hello@example.com' });
  await save('stripe', { secret_key: 'sk_test_simGood123', mode: 'test' }, true);
  await api.dispose();
  // Resend's key was refused since: it needs reconnecting.
  await withOwner((c) =>
    c.query(
      `update integration_credentials set is_verified = false, last_tested_at = now(), last_test_ok = false, last_test_code = 'bad_credentials',
              last_test_message = 'Resend refused the API key.' where integration_type = 'resend' and organization_id = (select id from organizations where slug = $1)`,
      [slug],
    ),
  );
});

const card = (page: Page, type: string) => page.getByTestId(`${type}-card`);

test('the overview shows each group’s cards with their status, and what they send', async ({ page }) => {
  await apiSignIn(page.request, email('admin'));
  await page.goto('/settings/integrations');
  for (const group of ['Phone & SMS', 'WhatsApp', 'Email', 'Payments', 'Meetings & calendar', 'Signing & eKYC']) {
    await expect(page.getByRole('heading', { level: 2, name: group })).toBeVisible();
  }
  await expect(card(page, 'twilio').getByTestId('twilio-status')).toContainText('Verified');
  await expect(card(page, 'twilio')).toContainText(/Sends .*SMS/);
  await expect(card(page, 'resend').getByTestId('resend-status')).toContainText('Needs reconnecting');
  await expect(card(page, 'resend')).toContainText('Resend refused the API key.');
  await expect(card(page, 'stripe').getByTestId('stripe-status')).toContainText('Not verified');
  await expect(card(page, 'zoom').getByTestId('zoom-status')).toContainText('Not set up');
  await expect(page.getByRole('link', { name: 'Sending: which integration sends what' })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'test-results/look/integrations-overview-1440.png', fullPage: true });
});

test('?tab=email selects the email group, and the status filter narrows it in the URL', async ({ page }) => {
  await apiSignIn(page.request, email('admin'));
  await page.goto('/settings/integrations?tab=email');
  const groups = page.getByRole('navigation', { name: 'Filter by group' });
  await expect(groups.getByRole('link', { name: 'Email' })).toHaveAttribute('aria-current', 'true');
  await expect(card(page, 'resend')).toBeVisible();
  await expect(card(page, 'sendgrid')).toBeVisible();
  await expect(card(page, 'twilio')).toHaveCount(0);

  await groups.getByRole('link', { name: 'All' }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  const statuses = page.getByRole('navigation', { name: 'Filter by status' });
  await statuses.getByRole('link', { name: /Needs attention/ }).click();
  await expect(page).toHaveURL(/status=attention/);
  await expect(card(page, 'resend')).toBeVisible();
  await expect(card(page, 'stripe')).toBeVisible();
  await expect(card(page, 'twilio')).toHaveCount(0);
  await expect(card(page, 'zoom')).toHaveCount(0);

  await statuses.getByRole('link', { name: /Connected/ }).click();
  await expect(card(page, 'twilio')).toBeVisible();
  await expect(card(page, 'resend')).toHaveCount(0);
  await statuses.getByRole('link', { name: /Not set up/ }).click();
  await expect(card(page, 'zoom')).toBeVisible();
  await expect(card(page, 'twilio')).toHaveCount(0);
  // Both filters at once, from a shared link.
  await page.goto('/settings/integrations?tab=phone&status=connected');
  await expect(card(page, 'twilio')).toBeVisible();
  await expect(card(page, 'exotel_phone')).toHaveCount(0);
});

test('a card leads to its integration’s page, with its sections', async ({ page }) => {
  await apiSignIn(page.request, email('admin'));
  await page.goto('/settings/integrations?tab=phone');
  await card(page, 'twilio').getByRole('link', { name: 'Twilio', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/twilio$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Twilio' })).toBeVisible();
  await expect(page.getByTestId('twilio-status')).toContainText('Verified');
  const nav = page.getByRole('navigation', { name: 'Sections of this page' });
  for (const section of ['Connection', 'Test', 'Send', 'Webhooks', 'Activity', 'Access', 'History']) {
    await expect(nav.getByRole('link', { name: section, exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('form', { name: 'Twilio settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Try it' })).toHaveCount(0);
  // The history has the saves of this integration, and links to the whole trail.
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Integration credentials saved');
  await expect(page.getByRole('link', { name: 'See the full audit trail' })).toHaveAttribute('href', '/settings/audit?integration=twilio');
  await expect(page.getByRole('link', { name: 'See all in Activity' })).toHaveAttribute('href', '/settings/activity?integration=twilio');

  // The saved connection is tested again from the Test section, and recorded.
  await page.getByRole('button', { name: 'Test the saved connection' }).click();
  await expect(page.getByRole('region', { name: 'Test' }).getByRole('status').filter({ hasText: 'Connection verified' })).toBeVisible();

  await page.screenshot({ path: 'test-results/look/integration-page-1440.png', fullPage: true });
  expect((await page.goto('/settings/integrations/no_such_thing'))?.status()).toBe(404);
});

test('an agent sees neither the card nor the page of an integration they were not given; a manager reads without the form', async ({ browser }) => {
  const agent = await browser.newPage();
  await apiSignIn(agent.request, email('agent'));
  await agent.goto('/settings/integrations');
  await expect(card(agent, 'twilio')).toHaveCount(0);
  await expect(agent.getByText('You have not been given access to any integration.')).toBeVisible();
  expect((await agent.goto('/settings/integrations/twilio'))?.status()).toBe(404);

  const admin = await browser.newPage();
  await apiSignIn(admin.request, email('admin'));
  await admin.goto('/settings/integrations/twilio');
  await admin.getByRole('switch', { name: 'Ivy Agent sees Twilio status' }).click();
  await expect(admin.getByText('Access updated for Ivy Agent')).toBeVisible();
  await admin.close();

  await agent.goto('/settings/integrations');
  await expect(card(agent, 'twilio').getByTestId('twilio-status')).toContainText('Verified');
  await expect(card(agent, 'resend')).toHaveCount(0);
  await card(agent, 'twilio').getByRole('link', { name: 'Twilio', exact: true }).click();
  await expect(agent.getByRole('heading', { level: 1, name: 'Twilio' })).toBeVisible();
  await expect(agent.getByRole('form')).toHaveCount(0);
  await expect(agent.getByRole('region', { name: 'Access' })).toHaveCount(0);
  await agent.close();

  const manager = await browser.newPage();
  await apiSignIn(manager.request, email('manager'));
  await manager.goto('/settings/integrations');
  await expect(manager.getByRole('link', { name: 'Sending: which integration sends what' })).toHaveCount(0);
  await manager.goto('/settings/integrations/twilio');
  await expect(manager.getByTestId('twilio-status')).toContainText('Verified');
  await expect(manager.getByRole('form')).toHaveCount(0);
  await expect(manager.getByLabel('Auth token')).toHaveCount(0);
  for (const section of ['Connection', 'Test', 'Access', 'History']) await expect(manager.getByRole('region', { name: section, exact: true })).toHaveCount(0);
  await manager.close();
});

test('the overview and an integration’s page fit a phone in both themes', async ({ page }) => {
  await apiSignIn(page.request, email('admin'));
  await expectPhoneReadyInBothThemes(page, '/settings/integrations', async (p) => {
    await expect(p.getByTestId('twilio-card')).toBeVisible();
  }, 'main');
  await page.screenshot({ path: 'test-results/look/integrations-overview-390-dark.png', fullPage: true });
  await expectPhoneReadyInBothThemes(page, '/settings/integrations/twilio', async (p) => {
    await expect(p.getByRole('form', { name: 'Twilio settings' })).toBeVisible();
  }, 'main');
  await page.screenshot({ path: 'test-results/look/integration-page-390-dark.png', fullPage: true });
});
