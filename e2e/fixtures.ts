import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'switchboard-demo';

export const accounts = {
  superadmin: 'superadmin@switchboard.example',
  admin: 'admin@acme.example',
  manager: 'manager@acme.example',
  agent: 'agent@acme.example',
  globexAdmin: 'admin@globex.example',
  consultant: 'consultant@switchboard.example',
} as const;
export type Account = keyof typeof accounts;

/** Signs in through next-auth's own endpoints; the session cookie lands in the request context's jar. */
export async function apiSignIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(response.ok()).toBe(true);
  const me = await request.get('/api/v1/me');
  expect(me.status(), `sign-in as ${email}`).toBe(200);
}

export async function uiSignIn(page: Page, email: string, password = DEMO_PASSWORD, from = '/login') {
  await page.goto(from);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** One login fixture per role: `test.use({ account: 'manager' })` gives a page signed in as the Acme manager. */
export const test = base.extend<{ account: Account | null }>({
  account: [null, { option: true }],
  page: async ({ page, account }, provide) => {
    if (account) await apiSignIn(page.request, accounts[account]);
    await provide(page);
  },
});

export { expect };
