// The gateway through the portal's real API, job runner and the provider simulator: an organization of
// its own connects Twilio, an API token sends an SMS that the runner delivers once, and a member places
// a click-to-call from the number assigned to them. The attacks: a token without the scope, another
// organization's request id, bad input, a reused Idempotency-Key; and no message body anywhere.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { apiTokenFor, withOwner } from './db';
import { simulatorUrl } from './endpoints';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const tag = randomUUID().slice(0, 8);
const adminEmail = `admin-${tag}@initech.example`;
const agentEmail = `agent-${tag}@initech.example`;
const CANARY = `canary-${randomBytes(6).toString('hex')}`;
const hex32 = (prefix: string) => (prefix + '0'.repeat(32)).slice(0, 32);
const twilio = { account_sid: `AC${hex32('0123456789abcdef')}`, auth_token: hex32('feedfacecafe2222'), sms_number: '+1 415 555 0100', whatsapp_number: 'whatsapp:+14155238886' };

let orgId = '';
let agentId = '';

const token = (scopes: string[]) => apiTokenFor(orgId, adminEmail, scopes);

async function sentTo(to: string): Promise<{ outcome: string }[]> {
  const all = (await (await fetch(`${simulatorUrl}/_control/sent?to=${encodeURIComponent(to)}`)).json()) as { to: string; outcome: string }[];
  return all.filter((s) => s.to.includes(to));
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
}

test.beforeAll(async () => {
  await withOwner(async (c) => {
    orgId = (await c.query<{ id: string }>(`insert into organizations (slug, name) values ($1, $2) returning id`, [`initech-${tag}`, `Initech ${tag}`])).rows[0]!.id;
    for (const [email, name, role] of [
      [adminEmail, 'Ivy Admin', 'admin'],
      [agentEmail, 'Ian Agent', 'agent'],
    ] as const) {
      const user = await c.query<{ id: string }>(
        `insert into users (email, name, password_hash) select $1, $2, password_hash from users where email = $3 returning id`,
        [email, name, accounts.admin],
      );
      await c.query(`insert into memberships (org_id, user_id, role) values ($1, $2, $3)`, [orgId, user.rows[0]!.id, role]);
      if (role === 'agent') agentId = user.rows[0]!.id;
    }
  });
});

test('an API token sends an SMS that the runner delivers once, and nothing keeps its text', async () => {
  test.setTimeout(90_000);
  const admin = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(admin, adminEmail);
  expect((await admin.post('/api/v1/settings/integrations/twilio', { data: { display_name: 'Twilio', credentials: twilio } })).status()).toBe(201);

  const sender = await token(['messages:send', 'requests:read']);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${sender}` } });
  const body = { phoneNumber: '+1 415 555 0161', message: `Your code is ${CANARY}` };
  const first = await api.post('/api/v1/integrations/sms/send', { data: body, headers: { 'idempotency-key': `e2e-${tag}` } });
  expect(first.status()).toBe(202);
  const accepted = (await first.json()) as { id: string; status: string };
  expect(accepted.status).toBe('queued');

  const again = await api.post('/api/v1/integrations/sms/send', { data: body, headers: { 'idempotency-key': `e2e-${tag}` } });
  expect(await again.json()).toEqual(accepted);
  const other = await api.post('/api/v1/integrations/sms/send', { data: { ...body, message: 'other' }, headers: { 'idempotency-key': `e2e-${tag}` } });
  expect(other.status()).toBe(422);
  expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');

  const status = await until(
    async () => ((await (await api.get(`/api/v1/integrations/sms/${accepted.id}/status`)).json()) as { data: { status: string } }).data.status,
    (s) => s === 'sent',
  );
  expect(status).toBe('sent');
  expect((await sentTo('+14155550161')).filter((s) => s.outcome === 'accepted')).toHaveLength(1);

  const bad = await api.post('/api/v1/integrations/sms/send', { data: { phoneNumber: '0123', message: '' } });
  expect(bad.status()).toBe(422);
  expect(Object.keys(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields).sort()).toEqual(['message']);
  const local = await api.post('/api/v1/integrations/sms/send', { data: { phoneNumber: '0123 456', message: 'x' } });
  expect(((await local.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty('phoneNumber');

  const reader = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await token(['settings:read'])}` } });
  const refused = await reader.post('/api/v1/integrations/sms/send', { data: body });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');

  const acme = await playwrightRequest.newContext({ baseURL });
  await apiSignIn(acme, accounts.admin);
  expect((await acme.get(`/api/v1/integrations/sms/${accepted.id}/status`)).status()).toBe(404);

  const logs = readFileSync('.data/e2e-server.log', 'utf8') + readFileSync('.data/e2e-worker.log', 'utf8');
  expect(logs).not.toContain(CANARY);
  const stored = await withOwner(async (c) => (await c.query(`select count(*)::int n from integration_audit_logs where metadata::text like $1`, [`%${CANARY}%`])).rows[0].n as number);
  expect(stored).toBe(0);
  for (const context of [admin, api, reader, acme]) await context.dispose();
});

test('a member places a click-to-call from the number assigned to them', async ({ page }) => {
  test.setTimeout(90_000);
  const admin: APIRequestContext = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(admin, adminEmail);
  expect((await admin.post('/api/v1/settings/integrations/twilio/sync')).status()).toBe(200);
  const numbers = (await (await admin.get('/api/v1/settings/phone-numbers')).json()) as { data: { id: string; phone_number: string; can_call: boolean }[] };
  const number = numbers.data.find((n) => n.can_call)!;
  expect((await admin.post(`/api/v1/settings/phone-numbers/${number.id}/assign`, { data: { user_id: agentId } })).status()).toBe(200);
  expect((await admin.put('/api/v1/settings/integrations/twilio/permissions', { data: { user_id: agentId, can_use: true, can_view_status: true } })).status()).toBe(200);
  await withOwner((c) => c.query(`update users set phone = '+14155550177' where id = $1`, [agentId]));
  await admin.dispose();

  await apiSignIn(page.request, agentEmail);
  await page.goto('/settings/team?tab=phone-numbers');
  await page.getByRole('button', { name: /Call a number from/ }).click();
  await page.getByLabel('Number to call').fill('+1 415 555 0188');
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  const status = page.getByRole('dialog').getByRole('status');
  await expect(status).toContainText(/Connecting|Ringing|Queued/);
  // Connecting once Twilio took it; Call ended if its completion callback was already applied.
  await expect(status).toContainText(/Connecting|Call ended/, { timeout: 20_000 });
  const calls = await until(() => sentTo('+14155550177'), (s) => s.length > 0);
  expect(calls.filter((s) => s.outcome === 'accepted')).toHaveLength(1);

  // The member finds the call in Activity, with its attempt.
  await page.keyboard.press('Escape');
  // Twilio's (the simulator's) signed status callback then says the call completed, and how long it took.
  await page.goto('/settings/activity');
  const row = page.getByRole('row', { name: /^Call to \+14155550188, Completed/ });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await expect(page.getByRole('dialog').getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('dialog').getByText('42 s')).toBeVisible();
});
