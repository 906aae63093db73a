import { readFile } from 'node:fs/promises';
import { request as playwrightRequest } from '@playwright/test';
import { accounts, apiSignIn, expect, test, uiSignIn } from './fixtures';
import { withOwner } from './db';
import { serverLog } from '../playwright.config';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

test.describe('audit trail', () => {
  test('an admin changes a role, filters the trail by action, opens an event and exports CSV', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/team?tab=members');
    await page.getByRole('combobox', { name: 'Role of Max Manager' }).selectOption({ label: 'Agent' });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Make Max Manager an Agent' }).click();
    await expect(page.getByText('Max Manager is now an Agent')).toBeVisible();
    await page.getByRole('combobox', { name: 'Role of Max Manager' }).selectOption({ label: 'Manager' });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Make Max Manager a Manager' }).click();
    await expect(page.getByText('Max Manager is now a Manager')).toBeVisible();

    // A denied attempt in the same organization, so the filter has something to leave out.
    const manager = await playwrightRequest.newContext({ baseURL });
    await apiSignIn(manager, accounts.manager);
    expect((await manager.get('/api/v1/settings/audit')).status()).toBe(403);
    await manager.dispose();

    await page.goto('/settings/audit');
    await expect(page.getByRole('cell', { name: 'Access refused' }).first()).toBeVisible();
    await page.getByLabel('Action').selectOption('member.role_changed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/action=member.role_changed/);
    await expect(page.getByRole('cell', { name: 'Access refused' })).toHaveCount(0);
    const rows = page.getByRole('row', { name: /Member role changed by admin@acme.example/ });
    await expect(rows.first()).toBeVisible();

    await rows.first().click();
    const drawer = page.getByRole('dialog');
    // Words first: what happened and what changed; the codes and raw details on request.
    await expect(drawer.getByRole('heading', { name: 'Member role changed' })).toBeVisible();
    await expect(drawer.getByText('Agent → to Manager')).toBeVisible();
    await expect(drawer.getByText('member.role_changed')).toBeHidden();
    await drawer.getByText('Technical details').click();
    await expect(drawer.getByText('member.role_changed')).toBeVisible();
    await expect(drawer.getByText('"from": "agent"')).toBeVisible();
    await expect(drawer.getByText('"to": "manager"')).toBeVisible();
    await page.keyboard.press('Escape');

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^audit-tenant-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toContain('id,created_at,organization_id,organization,actor_type');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines.slice(1)) {
      expect(line).toContain('member.role_changed');
      expect(line).toContain('Acme Corporation');
    }
    // The export itself is on the record.
    await page.goto('/settings/audit?action=audit.exported');
    await expect(page.getByRole('row', { name: /Audit trail exported by admin@acme.example/ }).first()).toBeVisible();
  });

  test('new events are announced while the trail is open, and shown on request', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/audit?outcome=denied');
    const before = await page.getByRole('table', { name: 'Audit events' }).getByRole('row').count();
    const agent = await playwrightRequest.newContext({ baseURL });
    await apiSignIn(agent, accounts.agent);
    expect((await agent.get('/api/v1/settings/members')).status()).toBe(403); // recorded as access.denied
    await agent.dispose();
    const notice = page.getByRole('button', { name: 'New events — show them' });
    await expect(notice).toBeVisible({ timeout: 20_000 }); // polled every 15 s
    await notice.click();
    await expect(page.getByRole('table', { name: 'Audit events' }).getByRole('row')).toHaveCount(Math.min(before + 1, 51));
    await expect(page.getByRole('row', { name: /Access refused by agent@acme.example/ }).first()).toBeVisible();
    await expect(notice).toBeHidden();
  });

  test('bad filters are explained per field and show nothing', async ({ page }) => {
    await apiSignIn(page.request, accounts.admin);
    await page.goto('/settings/audit?from=2026-05-01&to=2026-04-01');
    await expect(page.getByText('The start date must not be after the end date.')).toBeVisible();
    await expect(page.getByText('These filters cannot be applied')).toBeVisible();
    const api = await page.request.get('/api/v1/settings/audit?outcome=maybe');
    expect(api.status()).toBe(422);
    expect((await api.json()).error.fields.outcome).toEqual(['Choose success, failure or denied.']);
  });

  test("one organization cannot read another's trail, in the UI or the API", async ({ page }) => {
    const acmeOrg = await withOwner(async (c) => (await c.query<{ id: string }>(`select id from organizations where slug = 'acme'`)).rows[0]!.id);
    const acmeEvents = await withOwner(async (c) =>
      (await c.query<{ target_id: string }>(`select target_id from integration_audit_logs where org_id = $1 and target_id is not null`, [acmeOrg])).rows,
    );
    expect(acmeEvents.length).toBeGreaterThan(0);

    await apiSignIn(page.request, accounts.globexAdmin);
    await page.goto(`/settings/audit?q=${acmeEvents[0]!.target_id}`);
    await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();

    // Refused, and so recorded in Globex's own trail.
    expect((await page.request.get('/api/v1/admin/audit')).status()).toBe(403);
    expect((await page.request.get('/api/v1/admin/audit/export')).status()).toBe(403);

    const own = await page.request.get(`/api/v1/settings/audit?org=${acmeOrg}`);
    expect(own.status()).toBe(200);
    const { data } = (await own.json()) as { data: { orgId: string }[] };
    expect(data.length).toBeGreaterThan(0); // Globex's own events come back...
    expect(data.every((e) => e.orgId !== acmeOrg)).toBe(true); // ...and none of Acme's
    const csv = await (await page.request.get(`/api/v1/settings/audit/export?org=${acmeOrg}`)).text();
    expect(csv).not.toContain(acmeOrg);
    const anonymous = await playwrightRequest.newContext({ baseURL });
    expect((await anonymous.get('/api/v1/settings/audit')).status()).toBe(401);
    await anonymous.dispose();
  });

  test('a superadmin reads every organization and filters by one', async ({ page }) => {
    await apiSignIn(page.request, accounts.superadmin);
    await page.goto('/admin/audit');
    await expect(page.getByRole('columnheader', { name: 'Organization' })).toBeVisible();
    await page.getByLabel('Organization (slug or id)').fill('globex');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/org=globex/);
    const orgCells = page.getByRole('table', { name: 'Audit events' }).getByRole('row').locator('td:nth-child(2)');
    await expect(orgCells.first()).toHaveText('Globex Industries');
    expect(new Set(await orgCells.allTextContents())).toEqual(new Set(['Globex Industries']));

    await page.goto('/admin/audit?org=no-such-org');
    await expect(page.getByText('No organization has that slug or id.')).toBeVisible();
    // An id that belongs to no organization is refused too, for the API and the export alike.
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect((await page.request.get(`/api/v1/admin/audit/export?org=${ghost}`)).status()).toBe(422);
  });

  test('no audit row or server log line contains a secret typed into the portal', async ({ page }) => {
    const canary = `canary-secret-${Date.now()}`;
    await uiSignIn(page, 'nobody@canary.example', canary);
    await expect(page.getByRole('alert').filter({ hasText: 'combination' })).toBeVisible();
    await uiSignIn(page, accounts.agent, canary);
    await expect(page.getByRole('alert').filter({ hasText: 'combination' })).toBeVisible();
    await uiSignIn(page, accounts.agent);
    await page.goto('/settings/audit'); // refused, and recorded
    const hits = await withOwner(async (c) =>
      (await c.query(`select id from integration_audit_logs l where l::text like '%' || $1 || '%'`, [canary])).rowCount,
    );
    expect(hits).toBe(0);
    const log = await readFile(serverLog, 'utf8');
    expect(log).toContain('sign_in_failed'); // the attempts were logged...
    expect(log).not.toContain(canary); // ...without what was typed
  });
});
