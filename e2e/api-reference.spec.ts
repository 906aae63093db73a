// The API reference: the OpenAPI document, its rendered page (linked from API tokens), and the JSON
// 405 that every documented path answers to a method it does not have.
import { accounts, apiSignIn, expect, test } from './fixtures';

type Doc = { openapi: string; paths: Record<string, Record<string, unknown>> };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

test('the OpenAPI 3.1 document is public and lists the API', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as Doc;
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.paths['/api/v1/settings/integrations/{type}/test']).toHaveProperty('post');
  expect(Object.keys(doc.paths).length).toBeGreaterThan(25);
});

test('every documented path answers a method it lacks with a JSON 405 naming the ones it has', async ({ request }) => {
  await apiSignIn(request, accounts.admin);
  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as Doc;
  let tried = 0;
  for (const [template, item] of Object.entries(doc.paths)) {
    const path = template.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    for (const method of METHODS.filter((m) => !(m in item))) {
      const response = await request.fetch(path, { method, headers: { origin: 'http://localhost:3100' } });
      tried++;
      expect(response.status(), `${method} ${template}`).toBe(405);
      const allow = response.headers()['allow'] ?? '';
      for (const m of Object.keys(item)) expect(allow).toContain(m.toUpperCase());
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('method_not_allowed');
    }
  }
  expect(tried).toBeGreaterThan(60);
});

test.describe('as an admin', () => {
  test.use({ account: 'admin' });

  test('the reference is linked from API tokens and renders every operation under its own policy', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('response', (response) => {
      if (/\/docs\/api|openapi\.json/.test(response.url()) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto('/settings/api-tokens');
    await page.getByRole('link', { name: 'API reference' }).click();
    await expect(page).toHaveURL(/\/docs\/api$/);
    // Swagger UI renders the whole document in the browser: on a busy machine that takes a few seconds.
    await expect(page.getByRole('heading', { name: /Switchboard API/ })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Invite a person by email')).toBeVisible();
    await expect(page.getByText('/api/v1/settings/integrations/{type}/test').first()).toBeVisible();
    expect(problems, 'no script, style or document was refused or missing').toEqual([]);
  });
});
