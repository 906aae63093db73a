// The Activity page: the delivery log as each role sees it, its filters in the URL, a request's
// drawer with its attempts, the live status of a request on its way, and a phone-sized screen in
// light and dark mode under axe.
import { readFile } from 'node:fs/promises';
import { accounts, expect, test } from './fixtures';
import { withOwner } from './db';
import { expectPhoneReadyInBothThemes } from './a11y';

const tag = String(Date.now()).slice(-6);
const to = (n: number) => `+1415${tag}${n}`;
const seeded: Record<'failed' | 'delivered' | 'agents' | 'live', string> = { failed: '', delivered: '', agents: '', live: '' };

test.beforeAll(async () => {
  await withOwner(async (c) => {
    const insert = async (email: string, values: { channel: string; kind: string; integration: string; status: string; recipient: string; providerId?: string; key?: string }) =>
      (
        await c.query<{ id: string }>(
          `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_user_id, sender_label, source,
             provider_message_id, idempotency_key, attempt_count)
           select m.org_id, $2, $3, $4, $5, $6, u.id, u.email, 'api', $7, $8, 0
             from users u join memberships m on m.user_id = u.id join organizations o on o.id = m.org_id
            where u.email = $1 and o.slug = 'acme'
           returning id`,
          [email, values.channel, values.kind, values.integration, values.status, values.recipient, values.providerId ?? null, values.key ?? null],
        )
      ).rows[0]!.id;
    seeded.failed = await insert(accounts.admin, { channel: 'sms', kind: 'text', integration: 'twilio', status: 'failed', recipient: to(1), key: `order-${tag}` });
    seeded.delivered = await insert(accounts.admin, { channel: 'whatsapp', kind: 'text', integration: 'meta_whatsapp', status: 'delivered', recipient: to(2), providerId: `wamid.${tag}` });
    seeded.agents = await insert(accounts.agent, { channel: 'email', kind: 'email', integration: 'resend', status: 'sent', recipient: `agent-${tag}@example.com` });
    seeded.live = await insert(accounts.admin, { channel: 'call', kind: 'call', integration: 'twilio', status: 'sending', recipient: to(3) });
    await c.query(
      `insert into outbound_attempts (request_id, organization_id, attempt, integration_type, started_at, latency_ms, http_status, outcome, code, provider_code, message, retry_after_seconds)
       select r.id, r.organization_id, a.attempt, 'twilio', now() - interval '1 minute' + a.attempt * interval '10 seconds', a.latency, a.status, a.outcome, a.code, a.pcode, a.message, a.retry
         from outbound_requests r,
              (values (1, 120, 429, 'retry', 'rate_limited', '20429', 'Too Many Requests', 30),
                      (2, 80, 400, 'rejected', 'not_found', '21211', 'The To number is not valid', null)) as a(attempt, latency, status, outcome, code, pcode, message, retry)
        where r.id = $1`,
      [seeded.failed],
    );
    await c.query(`update outbound_requests set attempt_count = 2, error_code = 'not_found', error_message = 'The To number is not valid' where id = $1`, [seeded.failed]);
  });
});

test.afterAll(async () => {
  await withOwner((c) => c.query(`delete from outbound_requests where id = any($1)`, [Object.values(seeded)]));
});


test.describe('activity, as an admin', () => {
  test.use({ account: 'admin' });

  test('filters by status, opens a request and reads its attempts, from a link that can be shared', async ({ page }) => {
    await page.goto('/settings/activity');
    await expect(page.getByRole('row', { name: `WhatsApp to ${to(2)}, Delivered` })).toBeVisible();
    await page.getByLabel('Status').selectOption({ label: 'Failed' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(page.getByRole('row', { name: `WhatsApp to ${to(2)}, Delivered` })).toHaveCount(0);

    await page.getByRole('row', { name: `SMS to ${to(1)}, Failed` }).click();
    await expect(page).toHaveURL(new RegExp(`request=${seeded.failed}`));
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByRole('heading', { name: `SMS to ${to(1)}` })).toBeVisible();
    const attempts = drawer.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
    await expect(attempts).toHaveCount(2);
    await expect(attempts.nth(0)).toContainText('Attempt 1: Will retry');
    await expect(attempts.nth(0)).toContainText('429');
    await expect(attempts.nth(0)).toContainText('120 ms');
    await expect(attempts.nth(0)).toContainText('30 s');
    await expect(attempts.nth(1)).toContainText('Attempt 2: Refused by provider');
    await expect(attempts.nth(1)).toContainText('The To number is not valid');
    await expect(drawer).toContainText(`order-${tag}`);
    await expect(drawer).toContainText('Twilio');

    // The drawer's address opens it again, as it would for someone it was sent to.
    await page.reload();
    await expect(page.getByRole('dialog').getByRole('heading', { name: `SMS to ${to(1)}` })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page).not.toHaveURL(/request=/);
  });

  test('follows a request on its way until it is final, and exports the list without message bodies', async ({ page }) => {
    await page.goto(`/settings/activity?to=${encodeURIComponent(to(3))}`);
    await expect(page.getByRole('row', { name: `Call to ${to(3)}, Sending` })).toBeVisible();
    await withOwner((c) => c.query(`update outbound_requests set status = 'delivered', completed_at = now() where id = $1`, [seeded.live]));
    await expect(page.getByRole('row', { name: `Call to ${to(3)}, Delivered` })).toBeVisible({ timeout: 10_000 });

    await page.goto('/settings/activity?channel=sms');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    const [header, ...lines] = csv.trim().split('\n');
    expect(header).toBe('created_at,channel,status,recipient,integration,sender,attempts,provider_message_id,error_code,operation,provider_status');
    expect(lines.find((l) => l.includes(to(1)))).toContain(`,sms,failed,'${to(1)},twilio,${accounts.admin},2,,not_found`);
    expect(lines.every((l) => l.split(',')[1] === 'sms')).toBe(true);
  });

  test('fits a 390 px phone, in light and dark mode, with no serious axe violation', async ({ page }) => {
    await expectPhoneReadyInBothThemes(page, '/settings/activity', async () => {
      await expect(page.getByRole('list', { name: 'Messages and calls' }).getByRole('button', { name: `SMS to ${to(1)}` })).toBeVisible();
    });
  });
});

test.describe('activity, as an agent', () => {
  test.use({ account: 'agent' });

  test('sees only what they sent, and nobody else’s request even by its id', async ({ page }) => {
    await page.goto('/settings/activity');
    await expect(page.getByRole('row', { name: `Email to agent-${tag}@example.com, Sent` })).toBeVisible();
    await expect(page.getByText(to(1))).toHaveCount(0);
    await expect(page.getByText(to(2))).toHaveCount(0);
    await expect(page.getByLabel('Sent by')).toHaveCount(0);

    const api = await page.request.get('/api/v1/integrations/requests');
    const ids = ((await api.json()) as { data: { id: string }[] }).data.map((r) => r.id);
    expect(ids).toContain(seeded.agents);
    expect(ids).not.toContain(seeded.failed);
    expect((await page.request.get(`/api/v1/integrations/requests/${seeded.failed}`)).status()).toBe(404);
    expect((await page.request.get('/api/v1/integrations/requests/not-an-id')).status()).toBe(404);
    const bad = await page.request.get('/api/v1/integrations/requests?status=lost');
    expect(bad.status()).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.status).toEqual(['Unknown status.']);

    // The shared link to someone else's request opens a drawer that says so, and nothing of it.
    await page.goto(`/settings/activity?request=${seeded.failed}`);
    await expect(page.getByRole('dialog').getByText('This request was not found')).toBeVisible();
  });
});
