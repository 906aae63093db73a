// Phone numbers end to end: synced from the simulated Exotel account, assigned by a team lead in the
// browser, seen by the agent as theirs; the API in the seed's shape, and its refusals.
import { request as playwrightRequest } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { withOwner } from './db';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const exotel = (sid: string) => ({ account_sid: sid, api_key: 'key-phones-1', api_token: 'token-phones-1', region: 'in', virtual_number: '01141169368' });

async function adminApi() {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(api, accounts.admin);
  return api;
}

test.describe.serial('phone numbers', () => {
  test.beforeAll(async () => {
    await withOwner(async (c) => {
      await c.query(`delete from organization_phone_numbers`);
      await c.query(`delete from phone_number_syncs`);
      await c.query(`delete from integration_credentials where integration_type = 'exotel_phone'`);
    });
  });

  test('an admin syncs 5,000 numbers with visible progress', async ({ page }) => {
    const api = await adminApi();
    // Saved without the automatic sync racing this test: the test runs the sync itself.
    expect((await api.post('/api/v1/settings/integrations/exotel_phone', { data: { ...exotel('acme-e2e-size5000'), save_unverified: true } })).status()).toBe(201);
    await api.dispose();

    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/team?tab=phone-numbers');
    const panel = page.getByTestId('sync-exotel_phone');
    await expect(panel).toContainText('Not synced yet');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect(panel.getByRole('progressbar')).toBeVisible();
    await expect(page.getByText('Exotel Phone synced: 5,000 added')).toBeVisible({ timeout: 30_000 });
    await expect(panel).toContainText('5,000 listed');
    await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1–50 of 5,000');
  });

  test('a team lead assigns a number to an agent, who then sees it as theirs', async ({ browser }) => {
    const lead = await browser.newPage();
    await apiSignIn(lead.request, accounts.manager);
    await lead.goto('/settings/team?tab=phone-numbers&q=Main line');
    const row = lead.getByRole('row').filter({ hasText: 'Main line' });
    const number = (await row.getAttribute('data-number'))!;
    await row.getByRole('combobox', { name: /Assignee of/ }).selectOption({ label: 'Ana Agent' });
    await expect(lead.getByText(/assigned to Ana Agent/)).toBeVisible();
    await row.getByRole('button', { name: /Make .* the primary number/ }).click();
    await expect(lead.getByText(/is now the primary number/)).toBeVisible();
    await row.getByRole('button', { name: /History of/ }).click();
    await expect(lead.getByRole('dialog')).toContainText('To Ana Agent');
    await lead.close();

    const agent = await browser.newPage();
    await apiSignIn(agent.request, accounts.agent);
    await agent.goto('/settings/team?tab=phone-numbers');
    const mine = agent.getByRole('table', { name: 'Your phone numbers' });
    await expect(mine.getByRole('row')).toHaveCount(2); // header + the one number
    await expect(mine).toContainText('Main line');
    await expect(agent.getByRole('combobox', { name: /Assignee of/ })).toHaveCount(0);
    const api = (await (await agent.request.get('/api/v1/settings/phone-numbers')).json()) as { success: boolean; data: { phone_number: string; is_primary: boolean }[] };
    expect(api.success).toBe(true);
    expect(api.data.map((n) => n.phone_number)).toEqual([number]);
    expect(api.data[0]!.is_primary).toBe(true);
    await agent.close();
  });

  test('the API refuses a missing session, a lower role and another organization’s member, and reports a lost race', async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get('/api/v1/settings/phone-numbers')).status()).toBe(401);
    await anonymous.dispose();

    const api = await adminApi();
    const { data } = (await (await api.get('/api/v1/settings/phone-numbers?status=unassigned')).json()) as { data: { id: string; version: number }[] };
    const target = data[0]!;
    const globexAgent = await withOwner(async (c) => (await c.query<{ id: string }>(`select id from users where email = $1`, [accounts.globexAdmin])).rows[0]!.id);
    const foreign = await api.post(`/api/v1/settings/phone-numbers/${target.id}/assign`, { data: { user_id: globexAgent } });
    expect(foreign.status()).toBe(422);
    expect(await foreign.json()).toMatchObject({ error: { code: 'validation_failed', message: 'That person is not a member of this organization.' } });
    expect((await api.post(`/api/v1/settings/phone-numbers/00000000-0000-4000-8000-000000000000/assign`, { data: { user_id: null } })).status()).toBe(404);

    const agentId = await withOwner(async (c) => (await c.query<{ id: string }>(`select id from users where email = $1`, [accounts.agent])).rows[0]!.id);
    const managerId = await withOwner(async (c) => (await c.query<{ id: string }>(`select id from users where email = $1`, [accounts.manager])).rows[0]!.id);
    const [a, b] = await Promise.all([
      api.post(`/api/v1/settings/phone-numbers/${target.id}/assign`, { data: { user_id: agentId } }),
      api.post(`/api/v1/settings/phone-numbers/${target.id}/assign`, { data: { user_id: managerId } }),
    ]);
    expect([a.status(), b.status()].sort()).toEqual([200, 409]);
    const loser = a.status() === 409 ? a : b;
    expect(((await loser.json()) as { error: { message: string } }).error.message).toMatch(/already assigned to (Ana Agent|Max Manager)/);
    await api.dispose();

    const agent = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    await apiSignIn(agent, accounts.agent);
    expect((await agent.post(`/api/v1/settings/phone-numbers/${target.id}/assign`, { data: { user_id: null } })).status()).toBe(403);
    expect((await agent.post('/api/v1/settings/integrations/exotel_phone/sync')).status()).toBe(403);
    await agent.dispose();
  });
});
