// The shell's keyboard and browser niceties: a skip link first in the tab order that lands on the
// page's own content, a focus ring on what the keyboard reaches, and an icon the browser finds
// without a 404, signed in or not.
import { expect, test } from './fixtures';

test('the icon is served to anyone and named by every page', async ({ request, page }) => {
  const icon = await request.get('/icon.svg', { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  await page.goto('/login');
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /\/icon\.svg/);
});

test.describe('signed in', () => {
  test.use({ account: 'admin' });

  test('a skip link comes first and takes the keyboard to the page’s content, with a visible focus ring', async ({ page }) => {
    await page.goto('/settings/team');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '2px' });
  });
});
