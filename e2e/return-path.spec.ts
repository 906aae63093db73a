// After signing in, the portal only ever sends people to its own pages, however the return path is spelled.
import { accounts, apiSignIn, expect, test, uiSignIn } from './fixtures';

const attacks = ['/.//evil.example', '/./\\evil.example', '/a/..//evil.example', '//evil.example/x'];

test('a signed-in visitor to /login is redirected only within the portal', async ({ page }) => {
  await apiSignIn(page.request, accounts.manager);
  for (const target of attacks) {
    const response = await page.request.get(`/login?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
    expect(response.status(), target).toBe(307);
    const location = response.headers().location ?? '';
    expect(location.startsWith('//'), `${target} → ${location}`).toBe(false);
    expect(new URL(location, 'http://portal.test').host, `${target} → ${location}`).toBe('portal.test');
  }
});

test('signing in from a crafted link lands on a portal page', async ({ page }) => {
  for (const target of attacks) {
    await page.context().clearCookies();
    await uiSignIn(page, accounts.manager, undefined, `/login?callbackUrl=${encodeURIComponent(target)}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(new URL(page.url()).host, target).toBe(new URL(test.info().project.use.baseURL!).host);
  }
});
