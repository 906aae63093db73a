// Operations end to end through the running portal, its job runner and the provider simulator: an
// organization of its own connects Stripe, PayPal and Zoom; an admin takes a test payment and books
// and deletes a test meeting from the Try it panels; the API takes payments with the seed's paths
// and bodies; providers' signed callbacks complete the requests that created the payments. The
// attacks: a token without the scope, another organization's payment id, bad input, a reused
// Idempotency-Key, a forged callback; and no client secret or start link kept anywhere.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as playwrightRequest, type Page } from '@playwright/test';
import { expectPhoneReadyInBothThemes } from './a11y';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { apiTokenFor, withOwner } from './db';
import { simulatorUrl } from './endpoints';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const tag = randomUUID().slice(0, 8);
const adminEmail = `admin-${tag}@pied-piper.example`;
const STRIPE_SIGNING = `whsec_e2eOps${tag}`;
const stripe = { secret_key: 'sk_test_simOperations01', mode: 'test', webhook_secret: STRIPE_SIGNING };
const paypal = { client_id: `AeSim${tag}`, client_secret: 'EHsimGoodSecret01', mode: 'sandbox' };
const zoom = { account_id: 'simAccount_123', client_id: 'simClientId01', client_secret: 'simSecretGood01' };
let orgId = '';

const token = (scopes: string[]) => apiTokenFor(orgId, adminEmail, scopes);

const requestRow = (id: string) =>
  withOwner(async (c) => (await c.query<{ status: string; object_status: string | null; provider_message_id: string | null }>(`select status, object_status, provider_message_id from outbound_requests where id = $1`, [id])).rows[0]);

/** The callback URL the integration shows its admins, as they would paste it into the provider's dashboard. */
async function webhookUrl(page: Page, type: string): Promise<string> {
  await page.goto(`/settings/integrations/${type}`);
  return (await page.getByRole('region', { name: 'Webhooks' }).getByTestId(`${type}-webhook-url`).textContent())!.trim();
}

test.beforeAll(async () => {
  await withOwner(async (c) => {
    orgId = (await c.query<{ id: string }>(`insert into organizations (slug, name) values ($1, $2) returning id`, [`pied-piper-${tag}`, `Pied Piper ${tag}`])).rows[0]!.id;
    const user = await c.query<{ id: string }>(`insert into users (email, name, password_hash) select $1, 'Pia Admin', password_hash from users where email = $2 returning id`, [
      adminEmail,
      accounts.admin,
    ]);
    await c.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [orgId, user.rows[0]!.id]);
  });
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(api, adminEmail);
  for (const [type, credentials] of [['stripe', stripe], ['paypal', paypal], ['zoom', zoom]] as const) {
    expect((await api.post(`/api/v1/settings/integrations/${type}`, { data: { display_name: type, credentials } })).status(), type).toBe(201);
  }
  await api.dispose();
});

test('an admin takes a test payment from the Try it panel and sees it on Activity', async ({ page }) => {
  test.setTimeout(90_000);
  await apiSignIn(page.request, adminEmail);
  await page.goto('/settings/integrations/stripe');
  const panel = page.getByTestId('stripe-try-it');
  await panel.getByText('Try it', { exact: true }).click();
  await panel.getByRole('textbox', { name: 'Amount' }).fill('99.99');
  await panel.getByRole('button', { name: 'Create a test payment intent' }).click();
  const intent = panel.getByRole('group', { name: 'The payment intent' });
  await expect(intent).toContainText(/pi_/);
  await expect(intent).toContainText('USD 99.99');
  await panel.getByRole('button', { name: 'Pay with the test card' }).click();
  await expect(intent).toContainText(/succeeded/i);
  await panel.getByRole('button', { name: 'Refund' }).click();
  await expect(panel.getByRole('group', { name: 'The refund' })).toContainText(/re_/);

  const created = await withOwner(async (c) =>
    (await c.query<{ id: string; status: string; object_status: string; details: Record<string, unknown> }>(
      `select id, status, object_status, details from outbound_requests where organization_id = $1 and operation = 'create_intent' order by created_at desc limit 1`,
      [orgId],
    )).rows[0]!,
  );
  expect(created).toMatchObject({ status: 'completed', object_status: 'refunded', details: { amount_minor: 9999, currency: 'USD' } });

  await page.goto('/settings/activity?channel=payments');
  await expect(page.getByRole('row', { name: 'Payments: Create a payment intent, Completed' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Payments: Refund a payment, Completed' })).toBeVisible();
  const secrets = await withOwner(async (c) => (await c.query(`select count(*)::int n from outbound_requests where organization_id = $1 and (details::text like '%secret%' or coalesce(error_message, '') like '%secret%')`, [orgId])).rows[0].n as number);
  expect(secrets).toBe(0);
});

test('an admin books and deletes a test meeting from the Try it panel', async ({ page }) => {
  test.setTimeout(90_000);
  await apiSignIn(page.request, adminEmail);
  await page.goto('/settings/integrations/zoom');
  const panel = page.getByTestId('zoom-try-it');
  await panel.getByText('Try it', { exact: true }).click();
  await panel.getByRole('button', { name: 'Create a test meeting' }).click();
  const meeting = panel.getByRole('group', { name: 'The meeting' });
  await expect(meeting.getByRole('link', { name: 'Join the meeting' })).toHaveAttribute('href', /zoom\.us\/j\//);
  await expect(meeting.getByRole('link', { name: 'Start as host — keep this private' })).toBeVisible();
  await panel.getByRole('button', { name: 'Delete the meeting' }).click();
  await expect(meeting).toContainText(/deleted/i);

  const rows = await withOwner(async (c) =>
    (await c.query<{ operation: string; status: string; object_status: string | null }>(
      `select operation, status, object_status from outbound_requests where organization_id = $1 and channel = 'meetings' order by created_at`,
      [orgId],
    )).rows,
  );
  expect(rows).toEqual([
    { operation: 'create_meeting', status: 'completed', object_status: 'deleted' },
    { operation: 'delete_meeting', status: 'completed', object_status: 'deleted' },
  ]);
  // The host's start link is a credential: it is in no stored row and no log.
  const logs = readFileSync('.data/e2e-server.log', 'utf8');
  expect(logs).not.toMatch(/zak=/);
  const stored = await withOwner(async (c) => (await c.query(`select count(*)::int n from outbound_requests r where r.organization_id = $1 and r::text like '%zak=%'`, [orgId])).rows[0].n as number);
  expect(stored).toBe(0);
});

test('the seed’s payment paths take payments; callbacks complete them; the attacks are refused', async ({ page }) => {
  test.setTimeout(90_000);
  const payer = await token(['payments:write', 'payments:read']);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${payer}` } });
  const body = { amount: 99.99, currency: 'USD', description: 'Product purchase', metadata: { orderId: '12345' } };

  // The seed's own example, twice under one key: one payment intent.
  const first = await api.post('/api/v1/integrations/payments/stripe/intent', { data: body, headers: { 'idempotency-key': `pay-${tag}` } });
  expect(first.status()).toBe(200);
  const intent = (await first.json()) as { requestId: string; paymentId: string; clientSecret: string; amountMinor: number; status: string };
  expect(intent).toMatchObject({ paymentId: expect.stringMatching(/^pi_/), clientSecret: expect.stringContaining('_secret_'), amountMinor: 9999, status: 'requires_payment_method' });
  const again = await api.post('/api/v1/integrations/payments/stripe/intent', { data: body, headers: { 'idempotency-key': `pay-${tag}` } });
  expect(await again.json()).toEqual(intent);
  const reused = await api.post('/api/v1/integrations/payments/stripe/intent', { data: { ...body, amount: 5 }, headers: { 'idempotency-key': `pay-${tag}` } });
  expect(reused.status()).toBe(422);

  // Amounts are exact or refused, with the field at fault.
  const yen = await api.post('/api/v1/integrations/payments/stripe/intent', { data: { amount: 1000, currency: 'JPY' } });
  expect(((await yen.json()) as { amountMinor: number }).amountMinor).toBe(1000);
  const bad = await api.post('/api/v1/integrations/payments/stripe/intent', { data: { amount: 1.005, currency: 'USD' } });
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty('amount');

  const noId = await api.post('/api/v1/integrations/payments/refund', { data: {} });
  expect(noId.status()).toBe(422);
  expect(((await noId.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty('paymentId');
  expect((await api.post('/api/v1/integrations/payments/stripe/intent', { data: [body] })).status()).toBe(400);

  // Stripe's signed callback completes the request that created the intent; a forged one changes nothing.
  await apiSignIn(page.request, adminEmail);
  const callback = await webhookUrl(page, 'stripe');
  // Forged: Stripe's header shape with a signature no secret made.
  const forged = JSON.stringify({ id: `evt_${tag}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: intent.paymentId, metadata: { gw_id: intent.requestId } } } });
  const refusedCallback = await fetch(callback, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
    body: forged,
  });
  expect(refusedCallback.status).toBe(401);
  expect(await requestRow(intent.requestId)).toMatchObject({ status: 'sent' });
  // Stripe (the simulator) is given the URL and signing secret, as an admin would in its dashboard.
  const control = (path: string, body: unknown, method = 'POST') =>
    fetch(`${simulatorUrl}/_control/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await control('webhooks/stripe', { url: callback, secret: STRIPE_SIGNING, delayMs: 10, mode: 'replay' }, 'PUT')).status).toBe(200);
  expect((await control('webhooks/stripe/events', { type: 'payment_intent.succeeded', objectId: intent.paymentId, ref: intent.requestId })).status).toBe(202);
  await expect.poll(async () => (await requestRow(intent.requestId))?.status, { timeout: 20_000 }).toBe('completed');
  expect(await requestRow(intent.requestId)).toMatchObject({ object_status: 'succeeded' });
  await fetch(`${simulatorUrl}/_control/webhooks/stripe`, { method: 'DELETE' });

  const status = await api.get(`/api/v1/integrations/payments/${intent.paymentId}/status`);
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({ paymentId: intent.paymentId, provider: 'stripe', amount: '99.99', currency: 'USD' });

  // PayPal through the seed's paths: create, the buyer approves, execute (capture), refund.
  const order = (await (await api.post('/api/v1/integrations/payments/paypal/create', { data: { amount: '25.00', currency: 'USD' } })).json()) as { paymentId: string; approveUrl: string };
  const early = await api.post('/api/v1/integrations/payments/paypal/execute', { data: { paymentId: order.paymentId } });
  expect(early.status()).toBe(422);
  expect((await fetch(order.approveUrl)).status).toBe(200);
  const captured = await api.post('/api/v1/integrations/payments/paypal/execute', { data: { paymentId: order.paymentId } });
  expect(await captured.json()).toMatchObject({ status: 'COMPLETED', captureId: expect.any(String) });
  const refund = await api.post('/api/v1/integrations/payments/refund', { data: { paymentId: order.paymentId, amount: '5.00' } });
  expect(await refund.json()).toMatchObject({ provider: 'paypal', amount: '5.00', currency: 'USD' });

  // A token without the scope, and another organization's payment.
  const reader = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await token(['settings:read'])}` } });
  const refused = await reader.post('/api/v1/integrations/payments/stripe/intent', { data: body });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
  const health = await reader.get('/api/v1/integrations/health');
  expect(health.status()).toBe(200);
  const states = ((await health.json()) as { data: { integrations: { type: string; state: string; lastHour: { attempts: number } }[] } }).data.integrations;
  expect(states.find((i) => i.type === 'stripe')).toMatchObject({ state: 'verified', lastHour: { attempts: expect.any(Number) } });

  const acme = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(acme, accounts.admin);
  expect((await acme.get(`/api/v1/integrations/payments/${intent.paymentId}/status`)).status()).toBe(404);
  expect((await acme.post('/api/v1/integrations/payments/refund', { data: { paymentId: intent.paymentId } })).status()).toBe(404);
  expect((await acme.get(`/api/v1/integrations/requests/${intent.requestId}`)).status()).toBe(404);

  const logs = readFileSync('.data/e2e-server.log', 'utf8');
  expect(logs).not.toContain(intent.clientSecret);
  const stored = await withOwner(async (c) => (await c.query(`select count(*)::int n from outbound_requests r where r.organization_id = $1 and r::text like $2`, [orgId, `%${intent.clientSecret}%`])).rows[0].n as number);
  expect(stored).toBe(0);
  for (const context of [api, reader, acme]) await context.dispose();
});

test('the Try it panel works on a phone in both themes', async ({ page }) => {
  await apiSignIn(page.request, adminEmail);
  await expectPhoneReadyInBothThemes(
    page,
    '/settings/integrations/stripe',
    async (p) => {
      const panel = p.getByTestId('stripe-try-it');
      await panel.getByText('Try it', { exact: true }).click();
      await expect(panel.getByRole('button', { name: 'Create a test payment intent' })).toBeVisible();
    },
    'main',
  );
});
