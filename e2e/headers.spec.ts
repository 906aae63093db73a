// Pages carry a nonce-based Content-Security-Policy that the portal's own scripts satisfy, and every
// answer the browser-hardening headers; API answers are never cached.
import { accounts, apiSignIn, expect, test } from './fixtures';

test('pages run under a nonce-based Content-Security-Policy without violating it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });

  const login = await page.goto('/login');
  const policy = login?.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
  // Every script the server sent bears this response's nonce (chunks those scripts load later are
  // trusted through 'strict-dynamic' and carry none).
  const scripts = [...((await login?.text()) ?? '').matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // A second load gets a fresh nonce.
  const again = (await page.request.get('/login')).headers()['content-security-policy'] ?? '';
  expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);

  await apiSignIn(page.request, accounts.admin);
  await page.goto('/settings/integrations?tab=email');
  await expect(page.getByRole('heading', { name: 'Integrations' })).toBeVisible();
  await page.goto('/settings/integrations/resend');
  await expect(page.getByRole('heading', { level: 1, name: 'Resend' })).toBeVisible();
  await page.goto('/settings/team?tab=members');
  await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('hardening headers on pages, and no caching of API answers', async ({ page }) => {
  const response = await page.request.get('/login');
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['strict-transport-security']).toContain('max-age=');

  await apiSignIn(page.request, accounts.admin);
  for (const path of ['/api/v1/settings/integrations', '/api/v1/settings/integrations/exotel_phone', '/api/v1/me']) {
    expect((await page.request.get(path)).headers()['cache-control'], path).toBe('no-store');
  }
});

test('an unknown API path answers a JSON 404 for any method, signed in or not', async ({ page }) => {
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    const response = await page.request.fetch('/api/v1/no-such-thing/123', { method });
    expect(response.status(), method).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    expect((await response.json()).error.code).toBe('not_found');
  }
  expect((await page.request.get('/api/v2')).status()).toBe(404);
});
