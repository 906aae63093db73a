// Accessibility and layout checks shared by the specs: serious or critical axe violations (through
// @axe-core/playwright, which evaluates over CDP, so the page's script CSP stays on), and what sticks
// out sideways on a phone. Everything is measured before anything is asserted, so one run reports all.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The WCAG 2.1 A and AA rules: what "accessible" means for the portal's pages. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Serious and critical axe violations on the page as it is now, or only inside `within` (a CSS
 * selector); every rule unless `tags` narrows them. Each names the rule, the element and why.
 */
export async function seriousViolations(page: Page, within?: string, tags?: string[]): Promise<string[]> {
  // Legacy mode runs axe in the page itself instead of finishing in a new blank page: the portal has
  // no cross-origin frames to reach, and it is several times faster, which the all-pages check needs.
  let builder = new AxeBuilder({ page }).setLegacyMode();
  if (within) builder = builder.include(within);
  if (tags) builder = builder.withTags(tags);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${[...n.any, ...n.all, ...n.none][0]?.message ?? v.help})`).join(', ')}`);
}

/**
 * How far the document is wider than the viewport, and the elements that make it so: the outermost
 * ones that stick out (not inside a box that scrolls or clips), widest first, with their right edge.
 */
export async function sidewaysOverflow(page: Page): Promise<{ overflow: number; offenders: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const viewport = root.clientWidth;
    const overflow = root.scrollWidth - viewport;
    if (overflow <= 0) return { overflow: 0, offenders: [] };
    const name = (el: Element) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      for (const attr of ['role', 'aria-label', 'data-slot']) {
        const value = el.getAttribute(attr);
        if (value) s += `[${attr}="${value}"]`;
      }
      const classes = [...el.classList].slice(0, 4);
      return classes.length ? `${s}.${classes.join('.')}` : s;
    };
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let node: Element | null = el; node && node !== document.body && parts.length < 3; node = node.parentElement) parts.unshift(name(node));
      return parts.join(' > ');
    };
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const sticking = new Set([...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > viewport + 1 && !clipped(el)));
    const outermost = [...sticking].filter((el) => !el.parentElement || !sticking.has(el.parentElement));
    const offenders = outermost
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .sort((a, b) => b.rect.right - a.rect.right)
      .slice(0, 5)
      .map(({ el, rect }) => `${path(el)} reaches ${Math.round(rect.right)} px (${Math.round(rect.width)} px wide)`);
    return { overflow, offenders };
  });
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
