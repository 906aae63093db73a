// A member's own profile: an agent gives the phone click-to-call rings first, sees it formatted
// after a reload, is told what is wrong with a bad number, and the page holds up on a phone's width,
// in dark mode and under axe.
import { accounts, expect, test } from './fixtures';
import { withOwner } from './db';
import { expectPhoneReadyInBothThemes } from './a11y';

const clearPhone = () => withOwner((c) => c.query(`update users set phone = null where email = $1`, [accounts.agent]));

test.beforeEach(clearPhone);
test.afterAll(clearPhone);


test.describe('profile', () => {
  test.use({ account: 'agent' });

  test('an agent sets their phone from the account menu and sees it formatted after a reload', async ({ page }) => {
    await page.goto('/settings/integrations');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Your profile' }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    const account = page.getByRole('definition');
    await expect(account.filter({ hasText: accounts.agent })).toBeVisible();

    const form = page.getByRole('form', { name: 'Your profile' });
    await expect(form.getByText('We ring this phone first when you place a call from the portal')).toBeVisible();
    await form.getByLabel('Country').selectOption('MY');
    await form.getByLabel('Phone number', { exact: true }).fill('012-345 6789');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Profile saved')).toBeVisible();

    await page.reload();
    await expect(form.getByLabel('Phone number', { exact: true })).toHaveValue('+60 12 345 6789');
    await expect(form.getByLabel('Country')).toHaveValue('MY');
    await expect(account.filter({ hasText: '+60 12 345 6789' })).toBeVisible();
    const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { phone: string | null } };
    expect(me.user.phone).toBe('+60123456789');

    // Clearing the field removes the number.
    await form.getByLabel('Phone number', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Phone number removed')).toBeVisible();
    expect(((await (await page.request.get('/api/v1/me')).json()) as { user: { phone: string | null } }).user.phone).toBeNull();
  });

  test('a bad number gets a message beside the field, and nothing is saved', async ({ page }) => {
    await page.goto('/settings/profile');
    const form = page.getByRole('form', { name: 'Your profile' });
    const phone = form.getByLabel('Phone number', { exact: true });
    await form.getByLabel('Country').selectOption({ label: 'Number includes its country code' });
    await phone.fill('012-345 6789');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('Enter the number with its country code, e.g. +60 12-345 6789, or choose the country it belongs to.')).toBeVisible();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');

    await phone.fill('+60 12');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText(/too short/)).toBeVisible();
    const stored = await withOwner(async (c) => (await c.query<{ phone: string | null }>(`select phone from users where email = $1`, [accounts.agent])).rows[0]!.phone);
    expect(stored).toBeNull();
  });

  test('a form opened before a newer save is told to reload instead of overwriting it', async ({ page, browser }) => {
    await page.goto('/settings/profile');
    const other = await browser.newPage({ storageState: await page.context().storageState() });
    await other.goto('/settings/profile');
    await other.getByRole('form', { name: 'Your profile' }).getByLabel('Phone number', { exact: true }).fill('+60 13-345 6789');
    await other.getByRole('button', { name: 'Save' }).click();
    await expect(other.getByText('Profile saved')).toBeVisible();
    await other.close();

    await page.getByLabel('Phone number', { exact: true }).fill('+60 12-345 6789');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
  });

  test('fits a 390 px phone, in light and dark mode, with no serious axe violation', async ({ page }) => {
    await expectPhoneReadyInBothThemes(page, '/settings/profile', async () => {
      // Show a field error too, so its colours are checked as well.
      await page.getByLabel('Phone number', { exact: true }).fill('+60 12');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText(/too short/)).toBeVisible();
    });
  });
});
