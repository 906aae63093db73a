// Every server action and mutating route handler is listed here, found by reading the app and lib folders, so a
// new one cannot appear without a decision about its audit row. Each one that changes data must write
// exactly one row per effective change, and none for a change that changes nothing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { countAudit, withOwner } from './db';
import { simulatorUrl } from './endpoints';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const appDir = path.resolve(import.meta.dirname, '..', 'app');
// Actions more than one page uses live beside their service in lib/ (named from the repository root).
const libDir = path.resolve(import.meta.dirname, '..', 'lib');

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

async function discoverSurfaces(): Promise<string[]> {
  const found: string[] = [];
  for (const file of await files(appDir)) {
    const rel = path.relative(appDir, file);
    const source = await readFile(file, 'utf8');
    if (/(^|\/)route\.ts$/.test(rel)) {
      const route = `/${path.dirname(rel)}`;
      for (const m of source.matchAll(/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b|as (POST|PUT|PATCH|DELETE)\b/g)) {
        found.push(`${m[1] ?? m[2]} ${route}`);
      }
    } else if (/^['"]use server['"]/.test(source.trimStart())) {
      for (const m of source.matchAll(/export (?:const|async function) (\w+)/g)) found.push(`action ${rel}#${m[1]}`);
    }
  }
  for (const file of await files(libDir)) {
    const source = await readFile(file, 'utf8');
    if (!/^['"]use server['"]/.test(source.trimStart())) continue;
    const rel = path.relative(path.dirname(libDir), file);
    for (const m of source.matchAll(/export (?:const|async function) (\w+)/g)) found.push(`action ${rel}#${m[1]}`);
  }
  return found.sort();
}

async function membershipOf(email: string): Promise<string> {
  return withOwner(async (c) =>
    (await c.query<{ id: string }>(`select m.id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where u.email = $1 and o.slug = 'acme'`, [email])).rows[0]!.id,
  );
}

async function admin(): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(context, accounts.admin);
  return context;
}

type Surface = { exempt: string } | { action: string; exercise: (page: import('@playwright/test').Page) => Promise<{ changes: number }> };

const surfaces: Record<string, Surface> = {
  'POST /api/auth/[...nextauth]': { exempt: 'sign-in and sign-out: no organization data changes' },
  'POST /api/[...path]': { exempt: 'unknown API paths: a JSON 404, nothing changes' },
  'PUT /api/[...path]': { exempt: 'unknown API paths: a JSON 404, nothing changes' },
  'PATCH /api/[...path]': { exempt: 'unknown API paths: a JSON 404, nothing changes' },
  'DELETE /api/[...path]': { exempt: 'unknown API paths: a JSON 404, nothing changes' },
  ...Object.fromEntries(
    ['email/send', 'email/bulk', 'sms/send', 'sms/otp', 'sms/verification-code', 'whatsapp/send', 'phone/call'].map((path) => [
      `POST /api/v1/integrations/${path}`,
      { exempt: 'each send is recorded in the activity log (the delivery log), not the audit trail; message bodies stay out of both' },
    ]),
  ),
  ...Object.fromEntries(
    [
      'POST /api/v1/integrations/[type]/actions/[action]',
      ...['payments/stripe/intent', 'payments/stripe/confirm', 'payments/refund', 'payments/paypal/create', 'payments/paypal/execute', 'zoom/create', 'calendar/google/event', 'signing/submissions', 'kyc/checks'].map(
        (path) => `POST /api/v1/integrations/${path}`,
      ),
      'DELETE /api/v1/integrations/zoom/[meetingId]',
      'PUT /api/v1/integrations/calendar/google/event/[eventId]',
      'DELETE /api/v1/integrations/calendar/google/event/[eventId]',
    ].map((surface) => [surface, { exempt: 'each operation is recorded in the activity log (the delivery log) with its attempts, not the audit trail; a refused credential is audited as gateway.held' }]),
  ),
  'action (portal)/settings/team/actions.ts#placeCallAction': { exempt: 'a call is recorded in the activity log (the delivery log), not the audit trail' },
  'POST /api/webhooks/[type]/[id]': {
    exempt: 'providers’ callbacks are recorded in the integration’s webhook log and move request statuses; refused ones write webhook.rejected (lib/webhooks/inbound/inbound.test.ts counts it)',
  },
  'action (portal)/actions.ts#switchOrganization': { exempt: "sets the caller's own organization cookie; no data changes" },
  'action lib/onboarding-actions.ts#hideOnboardingAction': { exempt: "hides the getting-started checklist for the caller alone: a personal preference, no organization data changes" },
  'PATCH /api/v1/settings/members/[id]': {
    action: 'member.role_changed',
    exercise: async () => {
      const api = await admin();
      const id = await membershipOf(accounts.agent);
      expect((await api.patch(`/api/v1/settings/members/${id}`, { data: { role: 'manager' } })).status()).toBe(200);
      expect((await api.patch(`/api/v1/settings/members/${id}`, { data: { role: 'agent' } })).status()).toBe(200);
      expect((await api.patch(`/api/v1/settings/members/${id}`, { data: { role: 'agent' } })).status()).toBe(200); // no change
      await api.dispose();
      return { changes: 2 }; // the third request changed nothing, so it writes nothing
    },
  },
  'action (portal)/settings/team/actions.ts#updateMemberRoleAction': {
    action: 'member.role_changed',
    exercise: async (page) => {
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/team?tab=members');
      await page.getByRole('combobox', { name: 'Role of Ana Agent' }).selectOption({ label: 'Manager' });
      await page.getByRole('alertdialog').getByRole('button', { name: 'Make Ana Agent a Manager' }).click();
      await expect(page.getByText('Ana Agent is now a Manager')).toBeVisible();
      await page.getByRole('combobox', { name: 'Role of Ana Agent' }).selectOption({ label: 'Agent' });
      await page.getByRole('alertdialog').getByRole('button', { name: 'Make Ana Agent an Agent' }).click();
      await expect(page.getByText('Ana Agent is now an Agent')).toBeVisible();
      return { changes: 2 };
    },
  },
};

const globexId = () => withOwner(async (c) => (await c.query<{ id: string }>(`select id from organizations where slug = 'globex'`)).rows[0]!.id);
const clearGlobexEndpoint = async () => withOwner((c) => c.query(`delete from tenant_whatsapp_config where tenant_id = (select id from organizations where slug = 'globex')`));
const assignGlobexEndpoint = async () =>
  withOwner((c) => c.query(`insert into tenant_whatsapp_config (tenant_id, endpoint_name) select id, 'Primary' from organizations where slug = 'globex' on conflict do nothing`));

async function superadmin(): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(context, accounts.superadmin);
  return context;
}

Object.assign(surfaces, {
  'POST /api/whatsapp/tenant-config/[tenantId]': {
    action: 'whatsapp.endpoint_assigned',
    exercise: async () => {
      await clearGlobexEndpoint();
      const api = await superadmin();
      const id = await globexId();
      expect((await api.post(`/api/whatsapp/tenant-config/${id}`, { data: { endpoint_name: 'Primary' } })).status()).toBe(201);
      expect((await api.post(`/api/whatsapp/tenant-config/${id}`, { data: { endpoint_name: 'Primary' } })).status()).toBe(200); // no change
      expect((await api.post(`/api/whatsapp/tenant-config/${id}`, { data: { endpoint_name: 'Nope' } })).status()).toBe(422);
      await api.dispose();
      return { changes: 1 };
    },
  },
  'DELETE /api/whatsapp/tenant-config/[tenantId]': {
    action: 'whatsapp.endpoint_removed',
    exercise: async () => {
      await assignGlobexEndpoint();
      const api = await superadmin();
      const id = await globexId();
      expect((await api.delete(`/api/whatsapp/tenant-config/${id}`)).status()).toBe(200);
      expect((await api.delete(`/api/whatsapp/tenant-config/${id}`)).status()).toBe(404);
      await api.dispose();
      return { changes: 1 };
    },
  },
  'POST /api/whatsapp/tenant-config/[tenantId]/check': {
    action: 'whatsapp.health_checked',
    exercise: async () => {
      await assignGlobexEndpoint();
      const api = await superadmin();
      const id = await globexId();
      expect((await api.post(`/api/whatsapp/tenant-config/${id}/check`)).status()).toBe(200);
      expect((await api.post(`/api/whatsapp/tenant-config/${id}/check`)).status()).toBe(200);
      await api.dispose();
      return { changes: 2 }; // each check a person asks for is recorded
    },
  },
  'action (portal)/admin/tenants/[id]/whatsapp/actions.ts#assignEndpointAction': {
    action: 'whatsapp.endpoint_assigned',
    exercise: async (page) => {
      await clearGlobexEndpoint();
      await apiSignIn(page.request, accounts.superadmin);
      await page.goto(`/admin/tenants/${await globexId()}/whatsapp`);
      await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Primary' });
      await page.getByRole('button', { name: 'Assign endpoint' }).click();
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      await expect(page.getByText('Endpoint assigned')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/admin/tenants/[id]/whatsapp/actions.ts#removeEndpointAction': {
    action: 'whatsapp.endpoint_removed',
    exercise: async (page) => {
      await assignGlobexEndpoint();
      await apiSignIn(page.request, accounts.superadmin);
      await page.goto(`/admin/tenants/${await globexId()}/whatsapp`);
      await page.getByRole('button', { name: 'Remove endpoint' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Remove Primary' }).click();
      await expect(page.getByText('Endpoint removed')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action lib/endpoints/actions.ts#checkEndpointNowAction': {
    action: 'whatsapp.health_checked',
    exercise: async (page) => {
      await apiSignIn(page.request, accounts.admin); // a tenant admin checks their own endpoint
      await page.goto('/settings/integrations/meta_whatsapp');
      await page.getByRole('region', { name: 'Platform endpoint' }).getByRole('button', { name: 'Check now' }).click();
      await expect(page.getByText(/Check finished/)).toBeVisible();
      return { changes: 1 };
    },
  },
} satisfies Record<string, Surface>);

// Tenant integrations and API tokens. Exotel Phone against the simulator: any token without "bad" is accepted.
const exotelBody = { account_sid: 'acme-audit', api_key: 'key-audit-1', api_token: 'token-audit-1', region: 'sg', virtual_number: '01141169368' };
const clearExotel = () =>
  withOwner((c) => c.query(`delete from integration_credentials where integration_type = 'exotel_phone' and organization_id = (select id from organizations where slug = 'acme')`));
async function ensureExotel() {
  const api = await admin();
  // Saved unverified, so no automatic number sync runs in the background of the counts below.
  const response = await api.post('/api/v1/settings/integrations/exotel_phone', { data: { ...exotelBody, display_name: 'Exotel Phone', save_unverified: true } });
  expect([200, 201]).toContain(response.status());
  await api.dispose();
}
const agentId = () => withOwner(async (c) => (await c.query<{ id: string }>(`select id from users where email = $1`, [accounts.agent])).rows[0]!.id);

Object.assign(surfaces, {
  'POST /api/v1/settings/integrations/[type]': {
    action: 'integration.created',
    exercise: async () => {
      await clearExotel();
      const api = await admin();
      expect((await api.post('/api/v1/settings/integrations/exotel_phone', { data: exotelBody })).status()).toBe(201);
      expect((await api.post('/api/v1/settings/integrations/exotel_phone', { data: exotelBody })).status()).toBe(200); // no change
      await api.dispose();
      return { changes: 1 };
    },
  },
  'DELETE /api/v1/settings/integrations/[type]': {
    action: 'integration.deleted',
    exercise: async () => {
      await ensureExotel();
      const api = await admin();
      expect((await api.delete('/api/v1/settings/integrations/exotel_phone')).status()).toBe(204);
      expect((await api.delete('/api/v1/settings/integrations/exotel_phone')).status()).toBe(404);
      await api.dispose();
      return { changes: 1 };
    },
  },
  'POST /api/v1/settings/integrations/[type]/test': {
    action: 'integration.tested',
    exercise: async () => {
      await ensureExotel();
      const api = await admin();
      expect((await api.post('/api/v1/settings/integrations/exotel_phone/test')).status()).toBe(200);
      expect((await api.post('/api/v1/settings/integrations/exotel_phone/test', { data: { api_token: 'token-bad-1' } })).status()).toBe(200);
      await api.dispose();
      return { changes: 2 }; // every test a person runs is recorded, passed or failed
    },
  },
  'PUT /api/v1/settings/integrations/[type]/permissions': {
    action: 'integration.permission_changed',
    exercise: async () => {
      const api = await admin();
      const user_id = await agentId();
      const put = (can_use: boolean, can_view_status: boolean) =>
        api.put('/api/v1/settings/integrations/exotel_phone/permissions', { data: { user_id, can_use, can_view_status } });
      expect((await put(true, true)).status()).toBe(200);
      expect((await put(true, true)).status()).toBe(200); // no change
      expect((await put(false, false)).status()).toBe(200);
      await api.dispose();
      return { changes: 2 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#saveIntegrationAction': {
    action: 'integration.updated',
    exercise: async (page) => {
      await ensureExotel();
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations/exotel_phone');
      const form = page.getByRole('form', { name: 'Exotel Phone settings' });
      await form.getByLabel('Display name').fill(`Renamed ${Date.now()}`);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText(/Exotel Phone saved/)).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#testIntegrationAction': {
    action: 'integration.tested',
    exercise: async (page) => {
      await ensureExotel();
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations/exotel_phone');
      const form = page.getByRole('form', { name: 'Exotel Phone settings' });
      await form.getByRole('button', { name: 'Test connection' }).click();
      await expect(form.getByRole('status').filter({ hasText: 'Answered in' })).toContainText(/Connection verified|Connected, with a warning/);
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#deleteIntegrationAction': {
    action: 'integration.deleted',
    exercise: async (page) => {
      await ensureExotel();
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations/exotel_phone');
      await page.getByRole('form', { name: 'Exotel Phone settings' }).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete Exotel Phone credentials' }).click();
      await expect(page.getByText('Exotel Phone credentials deleted')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#setPermissionAction': {
    action: 'integration.permission_changed',
    exercise: async (page) => {
      await withOwner((c) => c.query(`delete from user_integration_permissions`));
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations/exotel_phone');
      await page.getByRole('switch', { name: 'Ana Agent may use Exotel Phone' }).click();
      await expect(page.getByText('Access updated for Ana Agent')).toBeVisible();
      await withOwner((c) => c.query(`delete from user_integration_permissions`));
      return { changes: 1 };
    },
  },
  'action (portal)/settings/api-tokens/actions.ts#createApiTokenAction': {
    action: 'api_token.created',
    exercise: async (page) => {
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/api-tokens');
      await page.getByLabel('Name').fill('Audit coverage');
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByLabel('New API token')).toHaveValue(/^sbt_/);
      return { changes: 1 };
    },
  },
  'action (portal)/settings/api-tokens/actions.ts#revokeApiTokenAction': {
    action: 'api_token.revoked',
    exercise: async (page) => {
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/api-tokens');
      await page.getByLabel('Name').fill('To revoke');
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('button', { name: 'I have copied it' }).click();
      await page.getByRole('row', { name: /To revoke/ }).getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('button', { name: 'Revoke token' }).click();
      await expect(page.getByText('Token revoked')).toBeVisible();
      return { changes: 1 };
    },
  },
} satisfies Record<string, Surface>);

// Team: members and phone numbers (Exotel Phone numbers from the simulator, synced first).
const memberId = (email: string) =>
  withOwner(async (c) => (await c.query<{ id: string }>(`select m.id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where u.email = $1 and o.slug = 'acme'`, [email])).rows[0]?.id);
const userIdOf = (email: string) => withOwner(async (c) => (await c.query<{ id: string }>(`select id from users where email = $1`, [email])).rows[0]!.id);
// A person of its own for adding and removing, so the seeded memberships stay as they are.
const MEMBER = { email: 'member.audit@switchboard.example', name: 'Mo Member' };
const ensureMemberUser = () =>
  withOwner((c) => c.query(`insert into users (email, name) values ($1, $2) on conflict do nothing`, [MEMBER.email, MEMBER.name]));
async function ensureMember() {
  await ensureMemberUser();
  if (await memberId(MEMBER.email)) return;
  // People join by accepting an invitation; here the membership is simply written.
  await withOwner((c) =>
    c.query(`insert into memberships (org_id, user_id, role) select o.id, u.id, 'manager' from organizations o, users u where o.slug = 'acme' and u.email = $1`, [MEMBER.email]),
  );
}
async function ensureNumbers(): Promise<{ id: string; version: number }[]> {
  await ensureExotel();
  const api = await admin();
  const list = async () => ((await (await api.get('/api/v1/settings/phone-numbers?status=all')).json()) as { data: { id: string; version: number; is_active: boolean }[] }).data;
  if ((await list()).length === 0) expect((await api.post('/api/v1/settings/integrations/exotel_phone/sync')).status()).toBe(200);
  const numbers = (await list()).filter((n) => n.is_active);
  await api.dispose();
  return numbers;
}

Object.assign(surfaces, {
  'POST /api/v1/settings/members': {
    action: 'member.invited',
    exercise: async () => {
      await ensureMemberUser();
      const id = await memberId(MEMBER.email);
      if (id) await withOwner((c) => c.query(`delete from memberships where id = $1`, [id]));
      const api = await admin();
      const known = await api.post('/api/v1/settings/members', { data: { email: MEMBER.email, role: 'manager' } });
      const unknown = await api.post('/api/v1/settings/members', { data: { email: 'nobody@nowhere.example', role: 'agent' } });
      expect([known.status(), unknown.status()]).toEqual([201, 201]);
      // The same answer whether or not the address has an account.
      const shape = async (r: typeof known) => Object.keys(((await r.json()) as { data: { invitation: object } }).data.invitation).sort();
      expect(await shape(known)).toEqual(await shape(unknown));
      expect((await api.post('/api/v1/settings/members', { data: { email: accounts.manager, role: 'agent' } })).status()).toBe(409);
      await api.dispose();
      return { changes: 2 };
    },
  },
  'DELETE /api/v1/settings/members/[id]': {
    action: 'member.removed',
    exercise: async () => {
      await ensureMember();
      const id = await memberId(MEMBER.email);
      const api = await admin();
      expect((await api.delete(`/api/v1/settings/members/${id}`)).status()).toBe(200);
      expect((await api.delete(`/api/v1/settings/members/${id}`)).status()).toBe(404);
      await api.dispose();
      return { changes: 1 };
    },
  },
  'POST /api/v1/settings/integrations/[type]/sync': {
    action: 'phone_numbers.synced',
    exercise: async () => {
      await ensureExotel();
      const api = await admin();
      expect((await api.post('/api/v1/settings/integrations/exotel_phone/sync')).status()).toBe(200);
      expect((await api.post('/api/v1/settings/integrations/exotel_phone/sync')).status()).toBe(200);
      await api.dispose();
      return { changes: 2 }; // every sync is recorded with its counts, even one that changes nothing
    },
  },
  'POST /api/v1/settings/phone-numbers/[id]/assign': {
    action: 'phone_number.assigned',
    exercise: async () => {
      const [number] = await ensureNumbers();
      await withOwner((c) => c.query(`update organization_phone_numbers set assigned_to_user_id = null where id = $1`, [number!.id]));
      const api = await admin();
      const user_id = await userIdOf(accounts.agent);
      expect((await api.post(`/api/v1/settings/phone-numbers/${number!.id}/assign`, { data: { user_id } })).status()).toBe(200);
      expect((await api.post(`/api/v1/settings/phone-numbers/${number!.id}/assign`, { data: { user_id } })).status()).toBe(200); // no change
      expect((await api.post(`/api/v1/settings/phone-numbers/${number!.id}/assign`, { data: { user_id: null } })).status()).toBe(200); // unassigned, another action
      await api.dispose();
      return { changes: 1 };
    },
  },
  'POST /api/v1/settings/phone-numbers/[id]/primary': {
    action: 'phone_number.primary_changed',
    exercise: async () => {
      const numbers = await ensureNumbers();
      await withOwner((c) => c.query(`update organization_phone_numbers set is_primary = false`));
      const api = await admin();
      expect((await api.post(`/api/v1/settings/phone-numbers/${numbers[0]!.id}/primary`)).status()).toBe(200);
      expect((await api.post(`/api/v1/settings/phone-numbers/${numbers[0]!.id}/primary`)).status()).toBe(200); // already primary
      expect((await api.post(`/api/v1/settings/phone-numbers/${numbers[1]!.id}/primary`)).status()).toBe(200);
      await api.dispose();
      return { changes: 2 };
    },
  },
  'action (portal)/settings/team/actions.ts#inviteByEmailAction': {
    action: 'member.invited',
    exercise: async (page) => {
      await ensureMemberUser();
      const id = await memberId(MEMBER.email);
      if (id) await withOwner((c) => c.query(`delete from memberships where id = $1`, [id]));
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/team?tab=members');
      const form = page.getByRole('form', { name: 'Invite by email' });
      await form.getByLabel('Email').fill(MEMBER.email);
      await form.getByLabel('Role').selectOption('manager');
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await expect(page.getByRole('alertdialog', { name: 'Copy the invitation link now' })).toBeVisible();
      // Inviting adds nobody: the person joins only by accepting.
      expect(await memberId(MEMBER.email)).toBeFalsy();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/team/actions.ts#removeMemberAction': {
    action: 'member.removed',
    exercise: async (page) => {
      await ensureMember();
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/team?tab=members');
      await page.getByRole('button', { name: 'Remove Mo Member' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Remove Mo Member' }).click();
      await expect(page.getByText('Mo Member removed')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/team/actions.ts#syncNumbersAction': {
    action: 'phone_numbers.synced',
    exercise: async (page) => {
      await ensureExotel();
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/team?tab=phone-numbers');
      await page.getByTestId('sync-exotel_phone').getByRole('button', { name: 'Sync now' }).click();
      await expect(page.getByText(/Exotel Phone synced/)).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/team/actions.ts#assignNumberAction': {
    action: 'phone_number.assigned',
    exercise: async (page) => {
      const [number] = await ensureNumbers();
      await withOwner((c) => c.query(`update organization_phone_numbers set assigned_to_user_id = null where id = $1`, [number!.id]));
      await apiSignIn(page.request, accounts.manager);
      await page.goto('/settings/team?tab=phone-numbers');
      const row = page.locator('tr[data-number]').first();
      await row.getByRole('combobox', { name: /Assignee of/ }).selectOption({ label: 'Ana Agent' });
      await expect(page.getByText(/assigned to Ana Agent/)).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/team/actions.ts#setPrimaryNumberAction': {
    action: 'phone_number.primary_changed',
    exercise: async (page) => {
      await ensureNumbers();
      await withOwner((c) => c.query(`update organization_phone_numbers set is_primary = false`));
      await apiSignIn(page.request, accounts.manager);
      await page.goto('/settings/team?tab=phone-numbers');
      await page.getByRole('button', { name: /Make .* the primary number/ }).first().click();
      await expect(page.getByText(/is now the primary number/)).toBeVisible();
      return { changes: 1 };
    },
  },
} satisfies Record<string, Surface>);

// Invitation links.
const INVITEE = 'invitee@audit.example';
async function invitationLink(page: import('@playwright/test').Page, email?: string): Promise<string> {
  await apiSignIn(page.request, accounts.admin);
  await page.goto('/settings/team?tab=members');
  const form = page.getByRole('form', { name: 'Create an invitation link' });
  if (email) await form.getByLabel('Only for (optional)').fill(email);
  await form.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  return link;
}

Object.assign(surfaces, {
  'action (portal)/settings/team/actions.ts#createInvitationAction': {
    action: 'member.invited',
    exercise: async (page) => {
      await invitationLink(page);
      return { changes: 1 };
    },
  },
  'action (portal)/settings/team/actions.ts#revokeInvitationAction': {
    action: 'member.invitation_revoked',
    exercise: async (page) => {
      await withOwner((c) => c.query(`update organization_invitations set revoked_at = now() where revoked_at is null and accepted_at is null`));
      await invitationLink(page);
      await page.getByRole('button', { name: 'Withdraw' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Withdraw invitation' }).click();
      await expect(page.getByText('Invitation withdrawn')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (auth)/invite/[token]/actions.ts#joinWithAccountAction': {
    action: 'member.added',
    exercise: async (page) => {
      await withOwner((c) => c.query(`delete from users where email = $1`, [INVITEE]));
      const link = await invitationLink(page, INVITEE);
      await page.context().clearCookies();
      await page.goto(link);
      await page.getByLabel('Your name').fill('Ivy Invitee');
      await page.getByLabel('Password').fill('a-long-invitee-password');
      await page.getByRole('button', { name: 'Create account and join' }).click();
      await expect(page).toHaveURL(/\/settings\//);
      return { changes: 1 };
    },
  },
  'action (auth)/invite/[token]/actions.ts#acceptInvitationAction': {
    action: 'member.added',
    exercise: async (page) => {
      await withOwner((c) => c.query(`delete from memberships where user_id = (select id from users where email = $1)`, [INVITEE]));
      const link = await invitationLink(page, INVITEE);
      await page.context().clearCookies();
      await apiSignIn(page.request, INVITEE, 'a-long-invitee-password');
      await page.goto(link);
      await page.getByRole('button', { name: 'Join Acme Corporation' }).click();
      await expect(page).toHaveURL(/\/settings\//);
      await withOwner((c) => c.query(`delete from users where email = $1`, [INVITEE]));
      return { changes: 1 };
    },
  },
} satisfies Record<string, Surface>);

Object.assign(surfaces, {
  'action (portal)/settings/profile/actions.ts#updateProfileAction': {
    action: 'profile.updated',
    exercise: async (page) => {
      await withOwner((c) => c.query(`update users set phone = null where email = $1`, [accounts.agent]));
      await apiSignIn(page.request, accounts.agent);
      await page.goto('/settings/profile');
      const form = page.getByRole('form', { name: 'Your profile' });
      const save = form.getByRole('button', { name: 'Save' });
      await form.getByLabel('Phone number', { exact: true }).fill('+60 12-345 6789');
      await save.click();
      await expect(page.getByText('Profile saved')).toBeVisible();
      await save.click();
      await expect(page.getByText('Nothing to change')).toBeVisible();
      await form.getByLabel('Phone number', { exact: true }).fill('');
      await save.click();
      await expect(page.getByText('Phone number removed')).toBeVisible();
      return { changes: 2 }; // saving what is already there writes nothing
    },
  },
} satisfies Record<string, Surface>);

// The gateway's admin actions on Acme. Choosing an integration for a channel and sending a test need
// providers that can send; until they can, a choice written straight in the table is put back to
// automatic, and the test-send case is skipped (it says so).
const ACME_TWILIO = { account_sid: `AC${'0123456789abcdef'.repeat(2)}`, auth_token: 'feedfacecafe1111'.repeat(2), sms_number: '+1 415 555 0100', whatsapp_number: 'whatsapp:+14155238886' };
const twilioSendsSms = async (page: import('@playwright/test').Page) => {
  await page.goto('/settings/integrations/sending');
  return (await page.getByRole('form', { name: 'SMS routing' }).getByRole('option', { name: 'Twilio', exact: true }).count()) > 0;
};

Object.assign(surfaces, {
  'action (portal)/settings/integrations/sending/actions.ts#saveOtpTextAction': {
    action: 'gateway.otp_text_changed',
    exercise: async (page) => {
      await withOwner((c) => c.query(`delete from sending_settings where organization_id = (select id from organizations where slug = 'acme')`));
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations/sending');
      const form = page.getByRole('form', { name: 'One-time password text' });
      await form.getByLabel('Message').fill('Acme sign-in code: {code}');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('One-time password text saved')).toBeVisible();
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Nothing to change')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/sending/actions.ts#setRouteAction': {
    action: 'gateway.route_changed',
    exercise: async (page) => {
      await withOwner((c) =>
        c.query(
          `insert into channel_routes (organization_id, channel, primary_type) select id, 'sms', 'twilio' from organizations where slug = 'acme'
           on conflict (organization_id, channel) do update set primary_type = 'twilio', fallback_type = null`,
        ),
      );
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations/sending');
      const form = page.getByRole('form', { name: 'SMS routing' });
      await form.getByLabel('Send text messages through').selectOption('');
      // The fallback closes once the page is live and has seen the choice (a click before would reload the page).
      await expect(form.getByLabel('Fallback (optional)')).toBeDisabled();
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('SMS routing saved')).toBeVisible();
      // Once providers can send SMS the form stays open: saving automatic again changes nothing. Until
      // then, with nothing left to choose, the form is closed.
      const save = form.getByRole('button', { name: 'Save' });
      if (await save.isEnabled()) {
        await save.click();
        await expect(page.getByText('Nothing to change')).toBeVisible();
      }
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#sendTestAction': {
    action: 'gateway.test_sent',
    exercise: async (page) => {
      await apiSignIn(page.request, accounts.admin);
      test.skip(!(await twilioSendsSms(page)), 'needs the Twilio SMS sender');
      const api = await admin();
      expect([200, 201]).toContain((await api.post('/api/v1/settings/integrations/twilio', { data: { ...ACME_TWILIO, display_name: 'Twilio', save_unverified: true } })).status());
      await api.dispose();
      await page.goto('/settings/integrations/twilio');
      await page.getByRole('region', { name: 'Send' }).getByText('Send a test', { exact: true }).click();
      const form = page.getByRole('form', { name: 'Send a test through Twilio' });
      await form.getByLabel('Send to').fill('+60 12-345 6789');
      await form.getByRole('button', { name: 'Send a test' }).click();
      await expect(page.getByText('Test queued through Twilio')).toBeVisible();
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#rotateWebhookUrlAction': {
    action: 'webhook.url_rotated',
    exercise: async (page) => {
      await apiSignIn(page.request, accounts.admin);
      const api = await admin();
      expect([200, 201]).toContain((await api.post('/api/v1/settings/integrations/twilio', { data: { ...ACME_TWILIO, display_name: 'Twilio', save_unverified: true } })).status());
      await api.dispose();
      await page.goto('/settings/integrations/twilio');
      const card = page.getByRole('region', { name: 'Webhooks' });
      const before = await card.getByTestId('twilio-webhook-url').textContent();
      await card.getByRole('button', { name: 'Issue a new URL' }).click();
      await page.getByRole('button', { name: 'Issue new URL' }).click();
      await expect(page.getByText('New callback URL issued')).toBeVisible();
      await expect(card.getByTestId('twilio-webhook-url')).not.toHaveText(before ?? '');
      return { changes: 1 };
    },
  },
  'action (portal)/settings/integrations/actions.ts#discardHeldAction': {
    action: 'gateway.discarded',
    exercise: async (page) => {
      await withOwner(async (c) => {
        const acme = `(select id from organizations where slug = 'acme')`;
        await c.query(`update outbound_requests set status = 'canceled', payload_sealed = null where organization_id = ${acme} and status = 'held'`);
        await c.query(
          `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_user_id, sender_label, payload_sealed)
           select ${acme}, 'sms', 'text', 'twilio', 'held', '+60123456789', id, 'Audit coverage', 'sealed' from users where email = $1`,
          [accounts.admin],
        );
      });
      await apiSignIn(page.request, accounts.admin);
      await page.goto('/settings/integrations?tab=phone');
      await expect(page.getByTestId('twilio-card')).toContainText('1 message waiting for working credentials');
      await page.goto('/settings/integrations/twilio');
      const held = page.getByTestId('twilio-held');
      await expect(held).toContainText('1 message is waiting because these credentials were refused.');
      await held.getByRole('button', { name: 'Discard' }).click();
      await page.getByRole('button', { name: 'Discard messages' }).click();
      await expect(page.getByText('1 held message discarded')).toBeVisible();
      await expect(held).toHaveCount(0);
      return { changes: 1 };
    },
  },
} satisfies Record<string, Surface>);

// Outbound webhooks on Acme: each case registers an endpoint of its own at the simulator's receiver
// and removes it afterwards (its audit rows stay).
const WEBHOOK = '/api/v1/settings/webhooks';
async function withWebhook(run: (api: APIRequestContext, id: string) => Promise<number>): Promise<{ changes: number }> {
  const api = await admin();
  const created = await api.post(WEBHOOK, { data: { url: `${simulatorUrl}/_receiver/audit-coverage`, event_types: ['payment.*'] } });
  expect(created.status()).toBe(201);
  const { data } = (await created.json()) as { data: { id: string } };
  try {
    return { changes: await run(api, data.id) };
  } finally {
    await withOwner((c) => c.query(`delete from webhook_endpoints where id = $1`, [data.id]));
    await api.dispose();
  }
}

Object.assign(surfaces, {
  [`POST ${WEBHOOK}`]: {
    action: 'webhook_endpoint.created',
    exercise: () =>
      withWebhook(async (api) => {
        expect((await api.post(WEBHOOK, { data: { url: 'ftp://nowhere', event_types: ['payment.*'] } })).status()).toBe(422);
        return 1; // the one withWebhook registered
      }),
  },
  [`PATCH ${WEBHOOK}/[id]`]: {
    action: 'webhook_endpoint.updated',
    exercise: () =>
      withWebhook(async (api, id) => {
        expect((await api.patch(`${WEBHOOK}/${id}`, { data: { description: 'Audit coverage' } })).status()).toBe(200);
        expect((await api.patch(`${WEBHOOK}/${id}`, { data: { description: 'Audit coverage' } })).status()).toBe(200); // no change
        return 1;
      }),
  },
  [`DELETE ${WEBHOOK}/[id]`]: {
    action: 'webhook_endpoint.deleted',
    exercise: () =>
      withWebhook(async (api, id) => {
        expect((await api.delete(`${WEBHOOK}/${id}`)).status()).toBe(204);
        expect((await api.delete(`${WEBHOOK}/${id}`)).status()).toBe(404);
        return 1;
      }),
  },
  [`POST ${WEBHOOK}/[id]/rotate-secret`]: {
    action: 'webhook_endpoint.secret_rotated',
    exercise: () => withWebhook(async (api, id) => ((await api.post(`${WEBHOOK}/${id}/rotate-secret`)).status() === 200 ? 1 : 0)),
  },
  [`POST ${WEBHOOK}/[id]/test`]: {
    action: 'webhook_endpoint.tested',
    exercise: () => withWebhook(async (api, id) => ((await api.post(`${WEBHOOK}/${id}/test`)).status() === 202 ? 1 : 0)),
  },
  [`POST ${WEBHOOK}/[id]/deliveries/[deliveryId]/redeliver`]: {
    action: 'webhook_delivery.redelivered',
    exercise: () =>
      withWebhook(async (api, id) => {
        const { data } = (await (await api.post(`${WEBHOOK}/${id}/test`)).json()) as { data: { id: string } };
        expect((await api.post(`${WEBHOOK}/${id}/deliveries/${data.id}/redeliver`)).status()).toBe(202);
        expect((await api.post(`${WEBHOOK}/${id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`)).status()).toBe(404);
        return 1;
      }),
  },
} satisfies Record<string, Surface>);

test('every server action and mutating route handler is accounted for', async () => {
  const discovered = await discoverSurfaces();
  expect(discovered).toEqual(Object.keys(surfaces).sort());
});

for (const [name, surface] of Object.entries(surfaces)) {
  if ('exempt' in surface) continue;
  test(`${name} writes one audit row per effective change`, async ({ page }) => {
    const before = await countAudit(surface.action);
    const { changes } = await surface.exercise(page);
    expect(await countAudit(surface.action)).toBe(before + changes);
  });
}
