// The shell's keyboard and browser niceties: a skip link first in the tab order that lands on the
// page's own content, a focus ring on what the keyboard reaches, and an icon the browser finds
// without a 404, signed in or not.
import type { Page } from '@playwright/test';
import { withOwner } from './db';
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

  test('every icon on a page is drawn from the sprite, which a browser keeps and anyone may fetch', async ({ page, request }) => {
    const sprite = page.waitForResponse((r) => new URL(r.url()).pathname === '/icons.svg');
    await page.goto('/settings/integrations');
    const response = await sprite;
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    // Each <use> draws something: its symbol was found in the sprite (an unknown name draws nothing).
    await expect
      .poll(() =>
        page.evaluate(() => {
          const uses = [...document.querySelectorAll<SVGUseElement>('main svg.icon use, aside svg.icon use')];
          return { count: uses.length, blank: uses.filter((u) => u.getBBox().width === 0).map((u) => u.getAttribute('href')) };
        }),
      )
      .toEqual({ count: expect.any(Number), blank: [] });
    expect(await page.locator('main svg.icon use').count()).toBeGreaterThan(10);
    await page.screenshot({ path: 'test-results/look/icons-1440.png' });
    const anonymous = await request.get(new URL(response.url()).pathname + new URL(response.url()).search, { maxRedirects: 0, headers: { cookie: '' } });
    expect(anonymous.status()).toBe(200);
    // Only the sprite itself is let past the sign-in check: an address that merely starts like it is not.
    for (const lookalike of ['/icons.svg/x', '/icons.svgx', '/iconsXsvg']) {
      const answer = await request.get(lookalike, { maxRedirects: 0, headers: { cookie: '' } });
      expect(answer.status(), lookalike).toBe(307);
      expect(answer.headers()['location'], lookalike).toContain('/login');
    }
  });

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

// The shell on a phone: the navigation lives behind a menu button, nothing is wider than the screen,
// banners come with the page's HTML, and a page that takes its time shows its skeleton without the
// Content-Security-Policy refusing anything.

/** How far the page reaches past the right edge of a 360 px screen (0 when it fits). */
async function overflowAt360(page: Page, path: string): Promise<number> {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(path);
  await expect(page.locator('main#main')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('on a phone, as an admin', () => {
  test.use({ account: 'admin', viewport: { width: 390, height: 844 } });

  test('the menu button opens the navigation in a sheet; a link closes it and navigates, Escape closes it and returns focus', async ({ page }) => {
    await page.goto('/settings/team');
    // The sidebar is not in the page's flow: the page's own heading is on the first screen.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    const heading = await page.getByRole('heading', { level: 1, name: 'Team' }).boundingBox();
    expect(heading!.y).toBeLessThan(200);

    const menu = page.getByRole('button', { name: 'Open navigation' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    const sheet = page.getByRole('dialog', { name: 'Navigation' });
    await expect(sheet).toBeVisible();
    // The modal sheet hides the rest of the page from assistive technology, the button included.
    await expect(page.locator('header button[aria-label="Open navigation"]')).toHaveAttribute('aria-expanded', 'true');
    await expect(sheet.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Integrations', 'Team', 'Activity', 'Audit', 'API tokens', 'Webhooks']);
    await expect(sheet.getByRole('link', { name: 'Team' })).toHaveAttribute('aria-current', 'page');

    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(menu).toBeFocused();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    await menu.click();
    await sheet.getByRole('link', { name: 'API tokens' }).click();
    await expect(page).toHaveURL(/\/settings\/api-tokens$/);
    await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
    await expect(sheet).toBeHidden();
  });

  test('the header fits 360 px with the role in full and a named logo link', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/settings/team');
    await expect(page.getByRole('link', { name: 'Switchboard home' })).toBeVisible();
    const role = page.locator('header').getByText('· Admin', { exact: true });
    await expect(role).toBeVisible();
    expect((await role.boundingBox())!.x + (await role.boundingBox())!.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });

  for (const path of ['/settings/team', '/settings/team?tab=phone-numbers', '/settings/activity', '/settings/audit', '/settings/api-tokens', '/settings/webhooks']) {
    test(`${path} is no wider than a 360 px screen`, async ({ page }) => {
      expect(await overflowAt360(page, path)).toBe(0);
    });
  }

  test('team members read as cards with their role and actions in view', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/settings/team?tab=members');
    const role = page.getByRole('combobox', { name: 'Role of Ana Agent' });
    await expect(role).toBeVisible();
    const box = (await role.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    const remove = page.getByRole('button', { name: /Remove/ }).first();
    await expect(remove).toBeVisible();
    expect((await remove.boundingBox())!.x + (await remove.boundingBox())!.width).toBeLessThanOrEqual(360);
  });
});

test.describe('on a phone, as a superadmin', () => {
  test.use({ account: 'superadmin' });

  test('the tenants list is no wider than a 360 px screen', async ({ page }) => {
    expect(await overflowAt360(page, '/admin/tenants')).toBe(0);
    await expect(page.getByRole('link', { name: /WhatsApp setup for/ }).first()).toBeInViewport();
  });
});

test.describe('on a phone, as a member of two organizations', () => {
  test.use({ account: 'consultant' });

  test('the header names the organization and role, and the switcher is in the navigation sheet', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/settings/team');
    await expect(page.locator('header').getByText('· Manager', { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('combobox', { name: 'Organization' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const sheet = page.getByRole('dialog', { name: 'Navigation' });
    await expect(sheet.getByRole('combobox', { name: 'Organization' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });
});

test.describe('an agent', () => {
  test.use({ account: 'agent' });

  test('sees their numbers under a heading, not a lone tab', async ({ page }) => {
    await page.goto('/settings/team');
    await expect(page.getByRole('heading', { level: 2, name: 'My numbers' })).toBeVisible();
    await expect(page.getByRole('tablist')).toHaveCount(0);
  });
});

test.describe('feedback while pages load', () => {
  test.use({ account: 'admin' });

  test('a slow page shows its skeleton, and nothing is refused by the CSP', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // Hold back the audit page's own render (not its prefetch, which brings the skeleton) for a while.
    await page.route(
      (url) => url.pathname === '/settings/audit',
      async (route) => {
        const headers = route.request().headers();
        if (route.request().resourceType() !== 'document' && !headers['next-router-prefetch']) await new Promise((r) => setTimeout(r, 2000));
        await route.continue();
      },
    );
    await page.goto('/settings/team');
    const audit = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' });
    // Hovering prefetches the page's skeleton, as a person's pointer on its way to the link does.
    await audit.hover();
    await page.waitForTimeout(500);
    await audit.click();
    await expect(page.getByRole('status').filter({ hasText: 'Loading the audit trail…' })).toBeAttached();
    // A thin bar runs across the top while the skeleton stands in, and is gone once the page has arrived.
    const bar = page.getByTestId('loading-bar');
    await expect(bar).toBeVisible();
    await expect(bar).toHaveCSS('opacity', '1');
    await page.screenshot({ path: 'test-results/look/loading-bar-1440.png', clip: { x: 0, y: 0, width: 1440, height: 300 } });
    expect(await bar.evaluate((el) => el.getBoundingClientRect().top)).toBe(0);
    await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
    await expect(bar).toHaveCount(0);

    expect(problems).toEqual([]);
  });
});

test.describe('banners', () => {
  test.use({ account: 'globexAdmin' });
  const url = `https://banner-${Date.now()}.example/hooks`;

  test.afterAll(async () => {
    await withOwner((c) => c.query(`delete from webhook_endpoints where url = $1`, [url]));
  });

  test('come with the page’s first HTML, above the content, and read as one line on a phone without JavaScript', async ({ page, browser }) => {
    await withOwner((c) =>
      c.query(
        `insert into webhook_endpoints (organization_id, url, event_types, enabled, disabled_reason, disabled_at, secret_sealed, secret_hint, key_id)
         select id, $1, array['message.sent'], false, 'gone', now(), 'unused', '••••', 'unused' from organizations where slug = 'globex'`,
        [url],
      ),
    );
    const html = await (await page.request.get('/settings/team')).text();
    const banner = html.indexOf('Webhook endpoint turned off');
    expect(banner).toBeGreaterThan(-1);
    expect(banner).toBeLessThan(html.indexOf('id="main"'));

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    await context.addCookies(await page.context().cookies());
    const still = await context.newPage();
    await still.goto('/settings/team');
    const alert = still.getByRole('alert').filter({ hasText: 'A webhook endpoint was turned off' });
    await expect(alert).toBeVisible();
    expect((await alert.boundingBox())!.height).toBeLessThan(48);
    await expect(alert.getByRole('link', { name: 'Review webhooks' })).toBeVisible();
    await context.close();
  });
});
