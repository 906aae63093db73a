// A page at phone width, in light and dark mode: how far it overflows sideways and its serious or
// critical axe violations. Both modes are measured before anything is asserted, so one run reports all.
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Serious and critical axe violations on the page as it is now (the script is evaluated over CDP, so
 * the CSP stays on), or only inside `within` (a CSS selector).
 */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (selector) => (window as unknown as { axe: typeof axe }).axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] }),
    within ?? null,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Opens `path` at 390 px in each colour scheme, waits for `ready` (which may also put the page in a
 * state worth checking, such as a field error), and expects no overflow and no serious violation: of
 * the page, or of one part of it (`within`, a CSS selector) on a page whose own layout is not yet
 * phone-ready.
 */
export async function expectPhoneReadyInBothThemes(page: Page, path: string, ready: (page: Page) => Promise<void>, within?: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const found: Record<string, { overflow: number; violations: string[] }> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/);
    await ready(page);
    const overflow = await page.evaluate((selector) => {
      const box = selector ? document.querySelector(selector) : null;
      if (box) return Math.ceil(box.getBoundingClientRect().right - document.documentElement.clientWidth) + Math.max(0, box.scrollWidth - box.clientWidth);
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    }, within ?? null);
    found[scheme] = { overflow: Math.max(overflow, 0), violations: await seriousViolations(page, within) };
  }
  expect(found).toEqual({ light: { overflow: 0, violations: [] }, dark: { overflow: 0, violations: [] } });
}
