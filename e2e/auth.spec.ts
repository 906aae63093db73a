import { accounts, expect, test, uiSignIn } from './fixtures';

const navigation: Record<string, string[]> = {
  [accounts.superadmin]: ['Tenants', 'Platform audit'],
  [accounts.admin]: ['Integrations', 'Team', 'Activity', 'Audit', 'API tokens', 'Webhooks'],
  [accounts.manager]: ['Integrations', 'Team', 'Activity'],
  [accounts.agent]: ['Integrations', 'Team', 'Activity'],
};

test.describe('sign-in', () => {
  for (const [email, links] of Object.entries(navigation)) {
    test(`${email} signs in and sees exactly their navigation`, async ({ page }) => {
      await uiSignIn(page, email);
      const nav = page.getByRole('navigation', { name: 'Main' }).first();
      await expect(nav.getByRole('link')).toHaveText(links);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(links[0] === 'Tenants' ? 'Tenants' : 'Integrations');
    });
  }

  test('a wrong password and an unknown email get the same message', async ({ page }) => {
    await uiSignIn(page, accounts.agent, 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: 'combination' });
    await expect(alert).toHaveText('That email and password combination is not right.');
    await expect(page).toHaveURL(/\/login/);

    await uiSignIn(page, 'nobody@nowhere.example', 'not-the-password');
    await expect(page.getByRole('alert').filter({ hasText: 'combination' })).toHaveText(
      'That email and password combination is not right.',
    );
  });

  test('form fields explain what is wrong before anything is sent', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
  });

  test('an anonymous visitor is sent to sign in and comes back afterwards', async ({ page }) => {
    await page.goto('/settings/team');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fteam/);
    await page.getByLabel('Email').fill(accounts.manager);
    await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD || 'switchboard-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/settings\/team$/);
    await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
  });

  test('a return address outside the portal is ignored after sign-in', async ({ page }) => {
    for (const target of ['//evil.example/x', '/%09/evil.example', 'https://evil.example/']) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await page.getByLabel('Email').fill(accounts.manager);
      await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD || 'switchboard-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    }
  });

  test('signing out ends the session', async ({ page }) => {
    await uiSignIn(page, accounts.admin);
    await expect(page.getByRole('heading', { name: 'Integrations' })).toBeVisible();
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });

  test('repeated failures lock the account, even with the right password', async ({ page }) => {
    const email = 'manager@globex.example'; // used by no other test
    for (let i = 0; i < 5; i++) {
      await uiSignIn(page, email, `wrong-${i}`);
      await expect(page.getByRole('alert').filter({ hasText: 'combination' })).toBeVisible();
    }
    await uiSignIn(page, email);
    await expect(page.getByRole('alert').filter({ hasText: 'Too many failed attempts' })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('organization switcher', () => {
  test.use({ account: 'consultant' });

  test('a member of two organizations switches between them and the navigation follows the role', async ({ page }) => {
    await page.goto('/settings/team');
    await expect(page.getByText('People and phone numbers in Acme Corporation.')).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Members' })).toBeVisible(); // manager at Acme

    await page.getByRole('combobox', { name: 'Organization' }).selectOption({ label: 'Globex Industries (Agent)' });
    await expect(page.getByText('Switched to Globex Industries')).toBeVisible();
    await expect(page.getByText('People and phone numbers in Globex Industries.')).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Members' })).toHaveCount(0); // agent at Globex
  });
});

test.describe('portal shell', () => {
  test.use({ account: 'admin' });

  test('switches between light and dark mode', async ({ page }) => {
    await page.goto('/settings/integrations');
    await page.getByRole('button', { name: 'Change theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Change theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
  });

  test('an unknown page is a 404', async ({ page }) => {
    const response = await page.goto('/settings/does-not-exist');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
