// Holding a page's scripts back, to look at it (and use it) as a person does before it comes alive: the
// server's markup on screen, nothing hydrated until `release()`.
import { expect, type Page } from '@playwright/test';

export async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** That the page has not come alive: Next's bootstrap script, which sets `window.next`, has not run. */
export async function expectNotLive(page: Page): Promise<void> {
  expect(await page.evaluate(() => 'next' in window), 'the page came alive before the test used it').toBe(false);
}
