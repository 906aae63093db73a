// Provider callbacks end to end: an organization of its own connects Meta's WhatsApp with an app
// secret and verify token, gives Meta (the simulator) the callback URL shown on the integration,
// sends a test message, and watches it turn Delivered then Read on the Activity page from the
// simulator's signed callbacks alone. Then the refusals: forged callbacks are logged as rejected
// and change nothing.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { request as playwrightRequest } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { withOwner } from './db';
import { simulatorUrl } from './endpoints';
import { expectPhoneReadyInBothThemes } from './a11y';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const tag = randomUUID().slice(0, 8);
const adminEmail = `admin-${tag}@hooli.example`;
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const VERIFY_TOKEN = `verify-${tag}`;
const meta = { waba_id: '102290129340398', phone_number_id: '106540352242922', access_token: 'EAAsimulatorGoodToken0001', app_secret: APP_SECRET, verify_token: VERIFY_TOKEN };
const to = `+1415555${String(Date.now()).slice(-4)}`;

const control = (path: string, init?: RequestInit) => fetch(`${simulatorUrl}/_control/${path}`, init);
const configureMeta = (body: Record<string, unknown>) =>
  control('webhooks/meta', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test.beforeAll(async () => {
  await withOwner(async (c) => {
    const org = await c.query<{ id: string }>(`insert into organizations (slug, name) values ($1, $2) returning id`, [`hooli-${tag}`, `Hooli ${tag}`]);
    const user = await c.query<{ id: string }>(`insert into users (email, name, password_hash) select $1, 'Hana Admin', password_hash from users where email = $2 returning id`, [
      adminEmail,
      accounts.admin,
    ]);
    await c.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [org.rows[0]!.id, user.rows[0]!.id]);
  });
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(api, adminEmail);
  expect((await api.post('/api/v1/settings/integrations/meta_whatsapp', { data: { display_name: 'WhatsApp', credentials: meta } })).status()).toBe(201);
  await api.dispose();
});

test.afterAll(async () => {
  for (const name of ['meta', 'stripe', 'docuseal']) await control(`webhooks/${name}`, { method: 'DELETE' });
});

test('a WhatsApp test message turns Delivered, then Read, from Meta’s signed callbacks', async ({ page }) => {
  test.setTimeout(120_000);
  await apiSignIn(page.request, adminEmail);

  await page.goto('/settings/integrations/meta_whatsapp');
  const card = page.getByRole('region', { name: 'Webhooks' });
  const url = (await card.getByTestId('meta_whatsapp-webhook-url').textContent())!.trim();
  expect(url).toMatch(new RegExp(`^${baseURL}/api/webhooks/meta_whatsapp/[A-Za-z0-9_-]{43}$`));
  await expect(card.getByText('None yet.', { exact: false })).toBeVisible();

  // What Meta does when the URL is added in the App Dashboard: the subscription check.
  const check = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=8675309`);
  expect(check.status).toBe(200);
  expect(await check.text()).toBe('8675309');
  expect((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  // Each status 6 s after the last, longer than the page's 4 s refresh, so each one is seen.
  expect((await configureMeta({ url, secret: APP_SECRET, delayMs: 6000 })).status).toBe(200);

  await page.getByRole('region', { name: 'Send' }).getByText('Send a test', { exact: true }).click();
  const form = page.getByRole('form', { name: /Send a test through Meta/ });
  await form.getByLabel('Send to').fill(to);
  await form.getByLabel('Message').fill('Hello from the callback test');
  await form.getByRole('button', { name: 'Send a test' }).click();
  await expect(form.getByTestId('test-request')).toContainText('Sent', { timeout: 30_000 });

  await page.goto('/settings/activity');
  const row = (status: string) => page.getByRole('row', { name: `WhatsApp to ${to}, ${status}` });
  await expect(row('Delivered')).toBeVisible({ timeout: 30_000 });
  await expect(row('Read')).toBeVisible({ timeout: 30_000 });
  await row('Read').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('Delivered', { exact: true })).toBeVisible();
  await expect(drawer.getByText('Read', { exact: true }).first()).toBeVisible();

  // The integration's log shows the verified deliveries, applied.
  await page.goto('/settings/integrations/meta_whatsapp');
  await expect(card.getByTestId('meta_whatsapp-webhook-log').getByText('Verified').first()).toBeVisible();
  await expect(card.getByTestId('meta_whatsapp-webhook-log')).toContainText('1 updated');
});

test('forged callbacks are refused, logged as rejected, and change nothing', async ({ page }) => {
  test.setTimeout(60_000);
  await apiSignIn(page.request, adminEmail);
  await page.goto('/settings/integrations/meta_whatsapp');
  const card = page.getByRole('region', { name: 'Webhooks' });
  const url = (await card.getByTestId('meta_whatsapp-webhook-url').textContent())!.trim();
  const before = await withOwner((c) => c.query(`select status from outbound_requests where recipient = $1`, [to]));

  // The simulator signs with the wrong secret: every callback of the next send is refused.
  expect((await configureMeta({ url, secret: 'f'.repeat(32), delayMs: 50 })).status).toBe(200);
  const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body: '{"object":"whatsapp_business_account","entry":[]}' });
  expect(forged.status).toBe(401);
  expect((await fetch(url.replace(/[A-Za-z0-9_-]{43}$/, 'A'.repeat(43)), { method: 'POST', body: '{}' })).status).toBe(404);

  const after = await withOwner((c) => c.query(`select status from outbound_requests where recipient = $1`, [to]));
  expect(after.rows).toEqual(before.rows);
  await page.reload();
  await expect(card.getByTestId('meta_whatsapp-webhook-log')).toContainText('The signature did not match.');
});

test('Stripe’s and DocuSeal’s events are recorded and told, signed, to the organization’s own endpoint', async ({ page }) => {
  test.setTimeout(90_000);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(api, adminEmail);
  const saved = async (type: string, credentials: Record<string, string>) =>
    expect((await api.post(`/api/v1/settings/integrations/${type}`, { data: { display_name: type, credentials, save_unverified: true } })).status()).toBe(201);
  await saved('stripe', { secret_key: 'sk_test_simGood123', mode: 'test', webhook_secret: 'whsec_e2eStripeSigning01' });
  await saved('docuseal', { base_url: `${simulatorUrl}/docuseal`, api_key: 'simDocusealKey01', webhook_secret: 'whsec_docuseal_e2e' });
  const receiver = `callbacks-${tag}`;
  const created = await api.post('/api/v1/settings/webhooks', { data: { url: `${simulatorUrl}/_receiver/${receiver}`, event_types: ['payment.*', 'signing.*'] } });
  expect(created.status()).toBe(201);
  const { secret } = (await created.json()) as { secret: string };

  // Each provider is given the URL its integration shows, as an admin would in its dashboard.
  await apiSignIn(page.request, adminEmail);
  const urlOf = async (type: string) => {
    await page.goto(`/settings/integrations/${type}`);
    return (await page.getByRole('region', { name: 'Webhooks' }).getByTestId(`${type}-webhook-url`).textContent())!.trim();
  };
  const provider = (name: string, url: string, providerSecret: string) =>
    control(`webhooks/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url, secret: providerSecret, delayMs: 10 }) });
  expect((await provider('stripe', await urlOf('stripe'), 'whsec_e2eStripeSigning01')).status).toBe(200);
  expect((await provider('docuseal', await urlOf('docuseal'), 'whsec_docuseal_e2e')).status).toBe(200);
  const event = (name: string, body: Record<string, string>) =>
    control(`webhooks/${name}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await event('stripe', { type: 'payment_intent.succeeded', objectId: `pi_${tag}`, ref: `order-${tag}` })).status).toBe(202);
  expect((await event('docuseal', { type: 'form.started', objectId: '4242', ref: `contract-${tag}` })).status).toBe(202);

  const recorded = () =>
    withOwner((c) =>
      c.query<{ object_kind: string; object_id: string; status: string; last_event: string }>(
        `select p.object_kind, p.object_id, p.status, p.last_event from provider_objects p join organizations o on o.id = p.organization_id where o.slug = $1 order by p.object_kind`,
        [`hooli-${tag}`],
      ),
    );
  await expect.poll(async () => (await recorded()).rows, { timeout: 20_000 }).toEqual([
    { object_kind: 'payment', object_id: `pi_${tag}`, status: 'succeeded', last_event: 'succeeded' },
    { object_kind: 'signing', object_id: '4242', status: 'started', last_event: 'submission.started' },
  ]);
  const received = async () =>
    ((await (await control(`receiver/${receiver}`)).json()) as { received: { body: string; headers: Record<string, string> }[] }).received.map(
      (r) => (new Webhook(secret).verify(r.body, r.headers) as { type: string }).type,
    );
  await expect.poll(async () => (await received()).sort(), { timeout: 20_000 }).toEqual(['payment.succeeded', 'signing.started']);
  await api.dispose();
});

test('the webhook panel works on a phone in both themes', async ({ page }) => {
  await apiSignIn(page.request, adminEmail);
  await expectPhoneReadyInBothThemes(
    page,
    '/settings/integrations/meta_whatsapp',
    async (p) => {
      await expect(p.getByTestId('meta_whatsapp-webhook-url')).toBeVisible();
    },
    'main',
  );
});
