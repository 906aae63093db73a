// Every main page, as each kind of visitor sees it, at desktop and phone size in light and dark mode:
// a full-page screenshot of each into screenshots/<visitor>/ (git-ignored, for people to look at), no
// page wider than a 390 px phone, and no serious or critical WCAG 2.1 AA violation. One test per
// visitor collects every problem before asserting, so one run reports them all.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { WCAG_TAGS, seriousViolations, sidewaysOverflow } from './a11y';
import { withOwner } from './db';
import { expect, test, type Account } from './fixtures';
import { mainPages, type MainPage, type Visitor } from './main-pages';

const screenshots = path.resolve(import.meta.dirname, '..', 'screenshots');
const sizes = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;
const themes = ['light', 'dark'] as const;

const visitors: { visitor: Visitor; account: Account | null }[] = [
  { visitor: 'superadmin', account: 'superadmin' },
  { visitor: 'admin', account: 'admin' },
  { visitor: 'manager', account: 'manager' },
  { visitor: 'agent', account: 'agent' },
  // Two organizations: the header's switcher and the role it names are part of every page.
  { visitor: 'consultant', account: 'consultant' },
  { visitor: 'signed-out', account: null },
];

const acmeId = () => withOwner(async (c) => (await c.query<{ id: string }>(`select id from organizations where slug = 'acme'`)).rows[0]!.id);

/** Until the page has stopped fetching and no skeleton or busy region is left. */
async function settle(page: Page): Promise<string | null> {
  try {
    await page.waitForLoadState('networkidle', { timeout: 10_000 });
    await expect(page.locator('[data-slot="skeleton"], [aria-busy="true"]')).toHaveCount(0, { timeout: 10_000 });
    await page.evaluate(() => document.fonts.ready);
    return null;
  } catch {
    return 'still loading after 10 s (a skeleton, a busy region or a request that never ends)';
  }
}

/** next-themes follows the emulated colour scheme (its default theme is the system's). */
async function showTheme(page: Page, theme: (typeof themes)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
}

/** Opens the page once per size and looks at it in both themes; what is wrong, one line each. */
async function checkPage(page: Page, visitor: Visitor, main: MainPage): Promise<string[]> {
  const problems: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    const where = `${main.path} at ${size.width} px`;
    const response = await page.goto(main.path);
    const status = response?.status() ?? 0;
    const landed = new URL(page.url()).pathname;
    if (status !== 200 || landed !== main.path.split('?')[0]) {
      // A page that is missing or sends the visitor elsewhere is a failure, never a pass.
      return [`${main.path}: answered ${status} and showed ${landed}`];
    }
    const loading = await settle(page);
    if (loading) problems.push(`${where}: ${loading}`);
    // A not-found or forbidden page streamed after a loading state still answers 200; Next marks it noindex.
    if ((await page.locator('meta[name="robots"][content*="noindex"]').count()) > 0) return [`${main.path}: shows a not-found or forbidden page`];
    for (const theme of themes) {
      await showTheme(page, theme);
      await page.screenshot({ path: path.join(screenshots, visitor, `${main.slug}-${size.width}-${theme}.png`), fullPage: true, animations: 'disabled' });
      if (size.width === 390) {
        const { overflow, offenders } = await sidewaysOverflow(page);
        if (overflow > 0) problems.push(`${where}, ${theme}: ${overflow} px wider than the screen; sticking out: ${offenders.join('; ')}`);
      }
      for (const violation of await seriousViolations(page, undefined, WCAG_TAGS)) problems.push(`${where}, ${theme}: ${violation}`);
    }
  }
  return problems;
}

// No trace: a DOM snapshot at each of hundreds of steps would slow the run several times over, and
// the problems are reported in words (and the screenshots stay).
test.use({ trace: 'off' });

for (const { visitor, account } of visitors) {
  test.describe(`as ${visitor}`, () => {
    test.use({ account, colorScheme: 'light' });

    test(`every main page fits a phone and passes axe in light and dark mode`, async ({ page }) => {
      const pages = mainPages(visitor, { acme: await acmeId() });
      // About 6 s a page: two loads, four screenshots, four axe runs.
      test.setTimeout(30_000 + pages.length * 15_000);
      const problems: string[] = [];
      for (const main of pages) problems.push(...(await checkPage(page, visitor, main)));
      expect(problems, `${problems.length} problems on ${visitor}'s pages`).toEqual([]);
    });
  });
}
