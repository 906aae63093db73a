// Holding a page's scripts back, to look at it (and use it) as a person does before it comes alive: the
// server's markup on screen, nothing hydrated until `release()`.
import type { Page } from '@playwright/test';

export async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
