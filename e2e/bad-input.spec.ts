// Input an attack run found answering 5xx: impossible dates, NUL characters, odd path segments and
// malformed sign-in requests. Each now gets a 4xx in the error envelope and changes nothing.
import { accounts, apiSignIn, expect, test } from './fixtures';

const NUL = '\u0000';

test.describe('an admin sending bad input', () => {
  test.use({ account: 'admin' });

  test('impossible dates in audit filters are refused with the field named', async ({ page }) => {
    for (const path of ['/api/v1/settings/audit', '/api/v1/settings/audit/export']) {
      for (const date of ['2026-13-45', '2026-02-30', '2025-02-29', '0000-00-00']) {
        const response = await page.request.get(`${path}?from=${date}`);
        expect(response.status(), `${path} from=${date}`).toBe(422);
        const body = await response.json();
        expect(body.error.code).toBe('validation_failed');
        expect(body.error.fields.from).toEqual(['That date does not exist: use a date like 2026-01-31.']);
      }
    }
    // A real leap day is fine.
    expect((await page.request.get('/api/v1/settings/audit?from=2024-02-29')).status()).toBe(200);
    const pageResponse = await page.goto('/settings/audit?from=2026-02-30');
    expect(pageResponse?.status()).toBeLessThan(500);
  });

  test('NUL characters are refused where they arrive, naming the field', async ({ page }) => {
    for (const [path, field] of [
      [`/api/v1/settings/audit?actor=a${NUL}b`, 'actor'],
      [`/api/v1/settings/audit?q=${NUL}`, 'q'],
      [`/api/v1/settings/audit?integration=x${NUL}`, 'integration'],
      [`/api/v1/settings/audit/export?q=${NUL}`, 'q'],
      [`/api/v1/settings/phone-numbers?q=9${NUL}`, 'q'],
    ] as const) {
      const response = await page.request.get(path.replace(NUL, '%00'));
      expect(response.status(), path).toBe(422);
      expect(Object.keys((await response.json()).error.fields), path).toEqual([field]);
    }
    const save = await page.request.post('/api/v1/settings/integrations/resend', {
      data: { display_name: `Mail${NUL}`, credentials: { api_key: 're_simGood', from_email: 'hello@acme.example' } },
      headers: { origin: new URL(page.url() === 'about:blank' ? test.info().project.use.baseURL! : page.url()).origin },
    });
    expect(save.status()).toBe(422);
    expect((await save.json()).error.fields.display_name).toBeDefined();
    const pageResponse = await page.goto(`/settings/team?tab=phone-numbers&q=%00`);
    expect(pageResponse?.status()).toBeLessThan(500);
  });

  test('odd integration types in the OAuth paths are not found, never a 500', async ({ page }) => {
    for (const type of ['%00', '..%2f..%2f', 'x'.repeat(300), '%E2%80%AE', 'GOOGLE_CALENDAR', '__proto__']) {
      for (const step of ['start', 'callback']) {
        const response = await page.request.get(`/api/v1/settings/integrations/${type}/oauth/${step}?code=x&state=y`, { maxRedirects: 0 });
        expect(response.status(), `${step} ${type}`).toBeLessThan(500);
      }
    }
  });
});

test('malformed requests to the sign-in endpoints are refused, never a 500', async ({ request }) => {
  expect((await request.get('/api/auth/callback/credentials', { maxRedirects: 0 })).status()).toBeLessThan(500);
  for (const init of [
    { data: 'not a form', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { data: '{"email":', headers: { 'content-type': 'application/json' } },
    { data: { email: ['a'], password: { x: 1 } } },
    { data: '', headers: { 'content-type': 'text/plain' } },
  ]) {
    const response = await request.post('/api/auth/callback/credentials', { ...init, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(init)).toBeLessThan(500);
  }
  for (const path of ['/api/auth/nonsense', '/api/auth/callback/nope', '/api/auth/signin/%00']) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
  }
  // And a real sign-in still works afterwards.
  await apiSignIn(request, accounts.manager);
});
