// The endpoints' URLs and keys are canaries (e2e/endpoints.ts). After exercising assignment and every
// kind of health failure, no page, RSC payload, JSON response, server or job-runner log line, or
// audit row may contain any of them, whoever is signed in.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { serverLog, workerLog } from '../playwright.config';
import { accounts, apiSignIn, expect, test, type Account } from './fixtures';
import { withOwner } from './db';
import { endpointCanaries, setEndpointMode, simulatorUrl } from './endpoints';

const orgIds = () =>
  withOwner(async (c) => Object.fromEntries((await c.query<{ slug: string; id: string }>(`select slug, id from organizations`)).rows.map((r) => [r.slug, r.id])));

function expectClean(where: string, text: string) {
  for (const canary of endpointCanaries) expect(text.includes(canary), `${canary} found in ${where}`).toBe(false);
}

async function scan(page: Page, path: string) {
  const response = await page.goto(path);
  expectClean(`HTML of ${path}`, (await response?.text()) ?? '');
  // The RSC payload a client-side navigation fetches.
  const rsc = await page.request.get(path, { headers: { RSC: '1' } });
  expectClean(`RSC payload of ${path}`, await rsc.text());
}

test('endpoint URLs and keys never leave the server, for any role', async ({ browser }) => {
  test.setTimeout(120_000);
  const orgs = await orgIds();
  await fetch(`${simulatorUrl}/_control/reset`, { method: 'POST' });

  // Exercise everything that touches an endpoint: assignment, changes, and each failure kind.
  const admin = await browser.newPage();
  await apiSignIn(admin.request, accounts.superadmin);
  const api = admin.request;
  const headers = { origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` };
  await api.post(`/api/whatsapp/tenant-config/${orgs.globex}`, { headers, data: { endpoint_name: 'Secondary', message_timeout: 1 } });
  await api.post(`/api/whatsapp/tenant-config/${orgs.globex}`, { headers, data: { endpoint_name: 'Nope' } });
  for (const [name, mode] of [
    ['Secondary', '500'],
    ['Secondary', '401'],
    ['Secondary', 'slow'],
    ['Refusing', 'refused'],
  ] as const) {
    await setEndpointMode(name, mode, 3000);
    if (name === 'Refusing') await api.post(`/api/whatsapp/tenant-config/${orgs.globex}`, { headers, data: { endpoint_name: 'Refusing', message_timeout: 1 } });
    const check = await api.post(`/api/whatsapp/tenant-config/${orgs.globex}/check`, { headers });
    expectClean(`check response (${mode})`, await check.text());
  }
  await admin.close();

  const roles: Account[] = ['superadmin', 'admin', 'manager', 'agent', 'globexAdmin', 'consultant'];
  for (const role of roles) {
    const page = await browser.newPage();
    await apiSignIn(page.request, accounts[role]);
    for (const path of [
      '/',
      '/admin/tenants',
      `/admin/tenants/${orgs.globex}/whatsapp`,
      `/admin/tenants/${orgs.acme}/whatsapp`,
      '/admin/audit',
      '/settings/integrations?tab=whatsapp',
      '/settings/integrations/meta_whatsapp',
      '/settings/audit',
      '/settings/team',
    ]) {
      await scan(page, path);
    }
    for (const path of [
      '/api/whatsapp/available-endpoints',
      `/api/whatsapp/tenant-config/${orgs.acme}`,
      `/api/whatsapp/tenant-config/${orgs.globex}`,
      '/api/v1/settings/audit',
      '/api/v1/admin/audit',
      '/api/v1/settings/audit/export',
    ]) {
      expectClean(`${path} as ${role}`, await (await page.request.get(path)).text());
    }
    await page.close();
  }

  const audit = await withOwner(async (c) => (await c.query(`select l::text as row from integration_audit_logs l`)).rows.map((r) => r.row).join('\n'));
  expect(audit).toContain('whatsapp.health_changed'); // the scan covered real rows
  expectClean('audit rows', audit);
  expectClean('server log', await readFile(serverLog, 'utf8'));
  const worker = await readFile(workerLog, 'utf8');
  expect(worker).toContain('job runner started');
  expectClean('job runner log', worker);
});
