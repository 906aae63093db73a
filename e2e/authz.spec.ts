// Every protected surface refuses a missing session (401), a lower role (403) and another
// organization's ids (404) by itself, whatever the navigation shows.
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

async function signedIn(email: string | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  if (email) await apiSignIn(context, email);
  return context;
}

async function membershipId(email: string, asAdmin: string): Promise<string> {
  const admin = await signedIn(asAdmin);
  const { data } = (await (await admin.get('/api/v1/settings/members')).json()) as {
    data: { membershipId: string; email: string }[];
  };
  await admin.dispose();
  const found = data.find((m) => m.email === email);
  if (!found) throw new Error(`no membership for ${email}`);
  return found.membershipId;
}

test.describe('route handlers', () => {
  test('a missing session gets 401 JSON', async () => {
    const anonymous = await signedIn(null);
    for (const [method, path] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/settings/members'],
      ['PATCH', '/api/v1/settings/members/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const response = await anonymous.fetch(path, { method, data: method === 'PATCH' ? { role: 'admin' } : undefined });
      expect(response.status(), `${method} ${path}`).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Sign in to continue.' } });
    }
    await anonymous.dispose();
  });

  test('a lower role gets 403', async () => {
    const target = await membershipId(accounts.agent, accounts.admin);
    const agent = await signedIn(accounts.agent);
    expect((await agent.get('/api/v1/settings/members')).status()).toBe(403);
    const manager = await signedIn(accounts.manager);
    const response = await manager.patch(`/api/v1/settings/members/${target}`, { data: { role: 'admin' } });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
    await agent.dispose();
    await manager.dispose();
  });

  test("another organization's id gets 404 and changes nothing", async () => {
    const acmeAgent = await membershipId(accounts.agent, accounts.admin);
    const globexAdmin = await signedIn(accounts.globexAdmin);
    const response = await globexAdmin.patch(`/api/v1/settings/members/${acmeAgent}`, { data: { role: 'admin' } });
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
    await globexAdmin.dispose();

    const admin = await signedIn(accounts.admin);
    const { data } = (await (await admin.get('/api/v1/settings/members')).json()) as { data: { email: string; role: string }[] };
    expect(data.find((m) => m.email === accounts.agent)?.role).toBe('agent');
    await admin.dispose();
  });

  test('invalid input gets 422 with the field named', async () => {
    const target = await membershipId(accounts.agent, accounts.admin);
    const admin = await signedIn(accounts.admin);
    const response = await admin.patch(`/api/v1/settings/members/${target}`, { data: { role: 'owner' } });
    expect(response.status()).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.role).toEqual(['Choose admin, manager or agent.']);
    await admin.dispose();
  });

  test('a cookie-authenticated write from another origin gets 403', async () => {
    const target = await membershipId(accounts.agent, accounts.admin);
    const admin = await signedIn(accounts.admin);
    const response = await admin.patch(`/api/v1/settings/members/${target}`, {
      data: { role: 'manager' },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('bad_origin');
    await admin.dispose();
  });
});

test.describe('pages', () => {
  test('a lower role gets the 403 page', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await apiSignIn(page.request, accounts.manager);
    const audit = await page.goto('/settings/audit');
    expect(audit?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
    const tenants = await page.goto('/admin/tenants');
    expect(tenants?.status()).toBe(403);
    await context.close();
  });
});

/** Captures the admin's real "change role" server action request, so it can be replayed as others. */
async function captureRoleAction(page: Page): Promise<{ headers: Record<string, string>; body: string; url: string }> {
  await apiSignIn(page.request, accounts.admin);
  await page.goto('/settings/team?tab=members');
  const requestPromise = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await page.getByRole('combobox', { name: 'Role of Ana Agent' }).selectOption({ label: 'Manager' });
  await page.getByRole('alertdialog').getByRole('button', { name: 'Make Ana Agent a Manager' }).click();
  const captured = await requestPromise;
  await expect(page.getByText('Ana Agent is now a Manager')).toBeVisible();
  // Put the role back through the UI.
  await page.getByRole('combobox', { name: 'Role of Ana Agent' }).selectOption({ label: 'Agent' });
  await page.getByRole('alertdialog').getByRole('button', { name: 'Make Ana Agent an Agent' }).click();
  await expect(page.getByText('Ana Agent is now an Agent')).toBeVisible();
  const headers = captured.headers();
  return {
    url: captured.url(),
    body: captured.postData() ?? '',
    headers: {
      'next-action': headers['next-action']!,
      'content-type': headers['content-type'] ?? 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: baseURL,
    },
  };
}

test.describe('server actions', () => {
  test('refuse a missing session, a lower role and another organization’s id', async ({ page }) => {
    const action = await captureRoleAction(page);
    const target = await membershipId(accounts.agent, accounts.admin);
    expect(action.body).toContain(target);

    const replay = async (who: string | null, extraHeaders: Record<string, string> = {}) => {
      const context = await signedIn(who);
      const response = await context.post(action.url, { headers: { ...action.headers, ...extraHeaders }, data: action.body });
      const text = await response.text();
      await context.dispose();
      return text;
    };

    // A forged session cookie gets past proxy.ts (it only looks for the cookie); the action still refuses.
    expect(await replay(null, { cookie: 'next-auth.session-token=forged' })).toContain('"code":"unauthorized"');
    expect(await replay(accounts.manager)).toContain('"code":"forbidden"');
    expect(await replay(accounts.globexAdmin)).toContain('"code":"not_found"');

    // Nothing changed for any of them.
    const admin = await signedIn(accounts.admin);
    const { data } = (await (await admin.get('/api/v1/settings/members')).json()) as { data: { email: string; role: string }[] };
    expect(data.find((m) => m.email === accounts.agent)?.role).toBe('agent');
    await admin.dispose();
  });
});
