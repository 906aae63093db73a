// Members: an admin invites someone new with a link; they create an account and join.
import { accounts, apiSignIn, expect, test } from './fixtures';
import { withOwner } from './db';

const NEWCOMER = 'newcomer@invited.example';

test.afterAll(() => withOwner((c) => c.query(`delete from users where email = $1`, [NEWCOMER])));

test('an open link (for anyone) creates no accounts: only a link made out to an email does', async ({ page, browser }) => {
  await apiSignIn(page.request, accounts.admin);
  await page.goto('/settings/team?tab=members');
  await page.getByRole('form', { name: 'Create an invitation link' }).getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
  const stranger = await browser.newPage();
  await stranger.goto(link);
  await expect(stranger.getByText('Ask the admin for an invitation made out to your email address')).toBeVisible();
  await expect(stranger.getByRole('form', { name: 'Create your account' })).toHaveCount(0);
  await stranger.close();
});

test('an admin invites someone new with a link; they create an account, join, and the link is spent', async ({ page, browser }) => {
  await apiSignIn(page.request, accounts.admin);
  await page.goto('/settings/team?tab=members');
  const form = page.getByRole('form', { name: 'Create an invitation link' });
  await form.getByLabel('Role').selectOption('agent');
  await form.getByLabel('Only for (optional)').fill(NEWCOMER);
  await form.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/sbi_/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Invitations' })).toContainText('Open');

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByText('Join Acme Corporation')).toBeVisible();
  await newcomer.getByLabel('Your name').fill('Nia Newcomer');
  await expect(newcomer.getByLabel('Email')).toHaveValue(NEWCOMER); // the address the admin vouched for
  await newcomer.getByLabel('Password').fill('short');
  await newcomer.getByRole('button', { name: 'Create account and join' }).click();
  await expect(newcomer.getByText('Use at least 12 characters.')).toBeVisible();
  await newcomer.getByLabel('Password').fill('a-long-newcomer-password');
  await newcomer.getByRole('button', { name: 'Create account and join' }).click();
  await expect(newcomer).toHaveURL(/\/settings\//);
  await expect(newcomer.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Integrations' })).toBeVisible();
  await newcomer.goto('/settings/team?tab=phone-numbers');
  await expect(newcomer.getByText('No numbers assigned to you')).toBeVisible();
  await context.close();

  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText('This invitation has already been used.')).toBeVisible();
  await again.close();

  await page.reload();
  await expect(page.getByRole('table', { name: 'Members' })).toContainText('Nia Newcomer');
});
