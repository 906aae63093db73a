// Outbound webhooks in the browser: an admin registers an endpoint at the simulator's receiver, keeps
// the secret shown once (Escape does not lose it), sends a test event and sees it delivered in the
// endpoint's log; the receiver got it signed with that secret. The page fits a phone in both themes.
import { Webhook } from 'standardwebhooks';
import { expect, test } from './fixtures';
import { withOwner } from './db';
import { simulatorUrl } from './endpoints';
import { expectPhoneReadyInBothThemes, seriousViolations } from './a11y';

const name = `e2e-${Date.now()}`;
const url = `${simulatorUrl}/_receiver/${name}`;

test.afterAll(async () => {
  await withOwner((c) => c.query(`delete from webhook_endpoints where url = $1`, [url]));
  await fetch(`${simulatorUrl}/_control/receiver/${name}`, { method: 'DELETE' });
});

test.describe('webhooks, as an admin', () => {
  test.use({ account: 'admin' });

  test('registers an endpoint, keeps the secret shown once, sends a test event and sees it delivered', async ({ page, context }) => {
    test.setTimeout(60_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/settings/webhooks');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('alertdialog', { name: 'Add endpoint' });
    await form.getByLabel('URL').fill('ftp://nowhere');
    await form.getByLabel('message.sent').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByText('Enter a full URL starting with https://')).toBeVisible();
    await form.getByLabel('URL').fill(url);
    await form.getByLabel('Description (optional)').fill('End-to-end CRM');
    await form.getByLabel('payment.*').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const shown = page.getByRole('alertdialog', { name: 'Copy the signing secret now' });
    const secret = await shown.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await page.keyboard.press('Escape');
    await expect(shown).toBeVisible();
    await shown.getByRole('button', { name: 'Copy to clipboard' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await expect(shown).toHaveCount(0);

    const drawer = page.getByRole('dialog', { name: url });
    await expect(drawer.getByText(`••••${secret.slice(-4)}`)).toBeVisible();
    await drawer.getByRole('button', { name: 'Send test event' }).click();
    const row = drawer.getByRole('table', { name: 'Deliveries' }).getByRole('row').filter({ hasText: 'webhook.test' });
    await expect(row).toContainText('Succeeded', { timeout: 20_000 });
    await expect(row).toContainText('HTTP 200');

    const got = (await (await fetch(`${simulatorUrl}/_control/receiver/${name}`)).json()) as { received: { body: string; headers: Record<string, string> }[] };
    expect(got.received).toHaveLength(1);
    expect(new Webhook(secret).verify(got.received[0]!.body, got.received[0]!.headers)).toMatchObject({ type: 'webhook.test' });
    await expect(page.getByText(secret)).toHaveCount(0);
  });

  test('fits a 390 px phone, in light and dark mode, with no serious axe violation', async ({ page }) => {
    await expectPhoneReadyInBothThemes(page, '/settings/webhooks', async () => {
      await expect(page.getByRole('table', { name: 'Webhook endpoints' }).getByRole('button', { name: url })).toBeVisible();
    });
    await page.getByRole('table', { name: 'Webhook endpoints' }).getByRole('button', { name: url }).click();
    await expect(page.getByRole('dialog', { name: url }).getByRole('table', { name: 'Deliveries' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('hands focus back to the endpoint when its drawer closes, and deletes it only once confirmed', async ({ page }) => {
    await page.goto('/settings/webhooks');
    const open = page.getByRole('table', { name: 'Webhook endpoints' }).getByRole('button', { name: url });
    await open.click();
    const drawer = page.getByRole('dialog', { name: url });
    await expect(drawer).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await expect(open).toBeFocused();

    await open.click();
    await drawer.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this endpoint?' });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(confirm.getByRole('button', { name: 'Delete endpoint' })).toHaveAttribute('data-variant', 'destructive');
    await expect(confirm).toContainText('Events stop being delivered');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(drawer.getByRole('button', { name: 'Delete' })).toBeFocused();
    expect(await withOwner(async (c) => (await c.query(`select 1 from webhook_endpoints where url = $1`, [url])).rowCount)).toBe(1);

    await drawer.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page.getByText('Endpoint deleted')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Webhook endpoints' }).getByRole('button', { name: url })).toHaveCount(0);
    expect(await withOwner(async (c) => (await c.query(`select 1 from webhook_endpoints where url = $1`, [url])).rowCount)).toBe(0);
  });
});

test.describe('webhooks, as a manager', () => {
  test.use({ account: 'manager' });

  test('are not offered and the page is refused', async ({ page }) => {
    await page.goto('/settings/integrations');
    await expect(page.getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
    const response = await page.goto('/settings/webhooks');
    expect(response?.status()).toBe(403);
  });
});
