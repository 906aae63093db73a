// Destructive actions and role changes ask first, in one way: a red button naming the action, Cancel
// changing nothing, a refusal shown inside the dialog. Dialogs and drawers hand focus back to what
// opened them. A new organization's admin sees the getting-started checklist until they hide it.
// Everything happens in an organization of this file's own, so no other spec's data moves.
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { apiTokenFor, withOwner } from './db';
import { seriousViolations } from './a11y';
import { expectNotLive, holdScripts } from './hydration';

const tag = randomUUID().slice(0, 8);
const orgName = `Umbrella ${tag}`;
const adminEmail = `ada-${tag}@confirm.example`;
let orgId = '';

const member = (name: string, role: string) =>
  withOwner(async (c) => {
    const user = await c.query<{ id: string }>(`insert into users (email, name) values ($1, $2) returning id`, [`${name.split(' ')[0]!.toLowerCase()}-${tag}@confirm.example`, name]);
    const membership = await c.query<{ id: string }>(`insert into memberships (org_id, user_id, role) values ($1, $2, $3) returning id`, [orgId, user.rows[0]!.id, role]);
    return membership.rows[0]!.id;
  });
const roleOf = (membershipId: string) => withOwner(async (c) => (await c.query<{ role: string }>(`select role from memberships where id = $1`, [membershipId])).rows[0]?.role ?? null);
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? document.activeElement?.tagName);

/** The open confirmation: its Cancel has focus, and its action button is red when it destroys something. */
async function confirmation(page: Page, action: string, { red = true } = {}): Promise<Locator> {
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const button = dialog.getByRole('button', { name: action, exact: true });
  await expect(button).toHaveAttribute('data-variant', red ? 'destructive' : 'default');
  return dialog;
}

test.beforeAll(async () => {
  await withOwner(async (c) => {
    orgId = (await c.query<{ id: string }>(`insert into organizations (slug, name) values ($1, $2) returning id`, [`umbrella-${tag}`, orgName])).rows[0]!.id;
    const user = await c.query<{ id: string }>(`insert into users (email, name, password_hash) select $1, 'Ada Admin', password_hash from users where email = $2 returning id`, [
      adminEmail,
      accounts.admin,
    ]);
    await c.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [orgId, user.rows[0]!.id]);
  });
});

test.afterAll(async () => {
  await withOwner((c) => c.query(`delete from users where email like $1`, [`%-${tag}@confirm.example`]));
  await withOwner((c) => c.query(`delete from organizations where id = $1`, [orgId]));
});

test.beforeEach(async ({ page }) => {
  await apiSignIn(page.request, adminEmail);
});

test('a new admin sees the getting-started checklist, ticked from real state, until they hide it', async ({ page }) => {
  await page.goto('/settings/integrations');
  const card = page.getByRole('region', { name: `Get started with ${orgName}` });
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: /Create an API token \(to do\)/ })).toHaveAttribute('href', '/settings/api-tokens');
  await expect(card.getByRole('link', { name: /Assign phone numbers \(to do\)/ })).toHaveAttribute('href', '/settings/team?tab=phone-numbers');

  await apiTokenFor(orgId, adminEmail, ['settings:read']);
  await page.reload();
  await expect(card.getByRole('link', { name: /Create an API token \(done\)/ })).toBeVisible();
  expect(await seriousViolations(page, 'section[aria-labelledby="onboarding-title"]')).toEqual([]);
  for (const [width, scheme] of [[1440, 'light'], [390, 'dark']] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload();
    await expect(card).toBeVisible();
    await page.screenshot({ path: `test-results/look/onboarding-${width}-${scheme}.png`, fullPage: false });
    // The card itself fits the screen (the page around it is another part's work).
    expect(await card.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth && el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The card goes at once; the reload waits for the server to have kept the choice.
  const kept = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().headers()['next-action'] !== undefined);
  await card.getByRole('button', { name: /Hide/ }).click();
  await expect(card).toHaveCount(0);
  expect((await kept).ok()).toBe(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: `Get started with ${orgName}` })).toHaveCount(0);
});

test('a role change states its consequence; Cancel keeps the old role, confirming changes it', async ({ page }) => {
  const dana = await member('Dana Lee', 'manager');
  await page.goto('/settings/team?tab=members');
  const select = page.getByRole('combobox', { name: 'Role of Dana Lee' });

  await select.focus(); // as a click or Tab does before a person picks a role
  await select.selectOption('agent');
  let dialog = await confirmation(page, 'Make Dana Lee an Agent');
  await expect(dialog).toContainText('Dana Lee will no longer be able to assign phone numbers');
  await page.screenshot({ path: 'test-results/look/role-change-1440.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(select).toHaveValue('manager');
  await expect(select).toBeFocused();
  expect(await roleOf(dana)).toBe('manager');

  // A promotion is not destructive: its button is the ordinary one.
  await select.selectOption('admin');
  dialog = await confirmation(page, 'Make Dana Lee an Admin', { red: false });
  await expect(dialog).toContainText('Dana Lee will be able to change integrations, manage members and invitations');
  await page.keyboard.press('Escape');
  await expect(select).toHaveValue('manager');

  await select.selectOption('agent');
  await (await confirmation(page, 'Make Dana Lee an Agent')).getByRole('button', { name: 'Make Dana Lee an Agent' }).click();
  await expect(page.getByText('Dana Lee is now an Agent')).toBeVisible();
  expect(await roleOf(dana)).toBe('agent');

  // Demoting the only admin (yourself) is refused, and the dialog says why with nothing changed.
  await page.getByRole('combobox', { name: 'Role of Ada Admin' }).selectOption('manager');
  dialog = await confirmation(page, 'Make yourself a Manager');
  await expect(dialog).toContainText('Only another admin can make you an admin again');
  await dialog.getByRole('button', { name: 'Make yourself a Manager' }).click();
  await expect(dialog.getByRole('alert')).toContainText('An organization needs at least one admin. Make someone else an admin first. Nothing was changed.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('combobox', { name: 'Role of Ada Admin' })).toHaveValue('admin');
});

test('a role picked before the page comes alive is proposed, with its consequence, once it does', async ({ page }) => {
  const lee = await member('Lee Early', 'agent');
  // The page's scripts are held back: the server's markup is on screen and nothing is hydrated yet.
  const release = await holdScripts(page);
  await page.goto('/settings/team?tab=members', { waitUntil: 'commit' });
  const select = page.getByRole('combobox', { name: 'Role of Lee Early' });
  await expect(select).toHaveValue('agent');
  await expect(select).toBeEnabled();
  await expectNotLive(page);
  await select.selectOption('manager');
  expect(await roleOf(lee)).toBe('agent'); // nothing changes without the confirmation
  release();
  const dialog = await confirmation(page, 'Make Lee Early a Manager', { red: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(select).toHaveValue('agent');
  expect(await roleOf(lee)).toBe('agent');
  await select.selectOption('manager');
  await (await confirmation(page, 'Make Lee Early a Manager', { red: false })).getByRole('button', { name: 'Make Lee Early a Manager' }).click();
  await expect(page.getByText('Lee Early is now a Manager')).toBeVisible();
  await expect(select).toHaveValue('manager');
  expect(await roleOf(lee)).toBe('manager');
});

test('removing a member asks first, returns focus on Cancel, and shows a refusal inside the dialog', async ({ page }) => {
  const sam = await member('Sam Park', 'agent');
  await member('Kim Cho', 'agent');
  await page.goto('/settings/team?tab=members');

  const remove = page.getByRole('button', { name: 'Remove Sam Park' });
  await remove.click();
  let dialog = await confirmation(page, 'Remove Sam Park');
  await expect(dialog).toContainText('loses access at once');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(remove).toBeFocused();
  expect(await roleOf(sam)).toBe('agent');

  await remove.click();
  dialog = await confirmation(page, 'Remove Sam Park');
  await dialog.getByRole('button', { name: 'Remove Sam Park' }).click();
  await expect(page.getByText('Sam Park removed')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Sam Park' })).toHaveCount(0);
  expect(await roleOf(sam)).toBeNull();

  // Someone else removed Kim meanwhile: the dialog stays open and says so.
  await page.getByRole('button', { name: 'Remove Kim Cho' }).click();
  dialog = await confirmation(page, 'Remove Kim Cho');
  await withOwner((c) => c.query(`delete from memberships m using users u where u.id = m.user_id and u.name = 'Kim Cho' and m.org_id = $1`, [orgId]));
  await dialog.getByRole('button', { name: 'Remove Kim Cho' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Nothing was changed.');
  await expect(dialog).toBeVisible();
});

test('withdrawing an invitation and revoking a token ask first; Cancel changes nothing', async ({ page }) => {
  await page.goto('/settings/team?tab=members');
  await page.getByRole('form', { name: 'Create an invitation link' }).getByRole('button', { name: 'Create link' }).click();
  const shown = page.getByRole('alertdialog', { name: 'Copy the invitation link now' });
  await page.keyboard.press('Escape');
  await expect(shown).toBeVisible(); // the link is shown once: Escape does not lose it
  await shown.getByRole('button', { name: 'Done' }).click();

  const invitations = page.getByRole('table', { name: 'Invitations' });
  await invitations.getByRole('button', { name: 'Withdraw' }).click();
  let dialog = await confirmation(page, 'Withdraw invitation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(invitations.getByRole('button', { name: 'Withdraw' })).toBeFocused();
  await expect(invitations).toContainText('Open');
  await invitations.getByRole('button', { name: 'Withdraw' }).click();
  dialog = await confirmation(page, 'Withdraw invitation');
  await dialog.getByRole('button', { name: 'Withdraw invitation' }).click();
  await expect(page.getByText('Invitation withdrawn')).toBeVisible();
  await expect(invitations.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);

  // One token only, so the row stays the same one however the table orders revoked tokens.
  await withOwner((c) => c.query(`delete from api_tokens where organization_id = $1`, [orgId]));
  await apiTokenFor(orgId, adminEmail, ['settings:read']);
  await page.goto('/settings/api-tokens');
  const row = page.getByRole('row', { name: /e2e settings:read/ }).first();
  await row.getByRole('button', { name: /Revoke/ }).click();
  dialog = await confirmation(page, 'Revoke token');
  await expect(dialog).toContainText('is refused from now on');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: /Revoke/ }).click();
  await (await confirmation(page, 'Revoke token')).getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('Revoked');
});

test('an audit event opened from its row hands focus back to the row when its drawer closes', async ({ page }) => {
  await page.goto('/settings/audit');
  const row = page.getByRole('table', { name: 'Audit events' }).getByRole('row').nth(1);
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row).toBeFocused();
  expect(await activeId(page)).not.toBe('BODY');
});
