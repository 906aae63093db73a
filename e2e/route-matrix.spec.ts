// Every route handler and every server action, found by reading the app folder and the build's own
// action manifest, is called three ways that must all be refused: without a session (401), by the
// role just below the one it needs (403), and by an admin of Acme with Globex's ids (404). A new
// route or action fails the first test until it has a row below. No call here ever succeeds, so
// nothing is changed, and each refusal is checked to have changed nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { snapshotOfWritableState, withOwner } from './db';
import { discoverRoutes, root } from './surfaces';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

/** Who may call a surface at the least; each is refused to the one below it. */
type Minimum = 'public' | 'user' | 'agent' | 'manager' | 'admin' | 'superadmin';
const below: Record<Minimum, (keyof typeof accounts)[]> = {
  public: [],
  user: [],
  agent: [],
  manager: ['agent'],
  admin: ['manager', 'agent'],
  superadmin: ['admin'],
};

interface Ids {
  acme: string;
  globex: string;
  acmeAgentMembership: string;
  globexAgentMembership: string;
  globexAgentUser: string;
  acmeNumber: string;
  globexNumber: string;
  globexToken: string;
  globexInvitation: string;
  acmeRequest: string;
  globexRequest: string;
  acmeWebhook: string;
  globexWebhook: string;
  acmeDelivery: string;
  globexDelivery: string;
}

interface RouteCase {
  min: Minimum;
  /** The path called as a lower role and without a session (ids of the caller's own organization). */
  path: (ids: Ids) => string;
  body?: unknown;
  /** The same call aimed at Globex's ids, made by Acme's admin. */
  foreign?: (ids: Ids) => string;
  exempt?: string;
}

interface ActionCase {
  min: Minimum;
  args: (ids: Ids) => unknown;
  foreign?: (ids: Ids) => unknown;
  exempt?: string;
}

const NONE = '00000000-0000-4000-8000-000000000000';

const routes: Record<string, RouteCase> = {
  'GET /api/auth/[...nextauth]': { min: 'public', path: () => '/api/auth/session', exempt: 'next-auth: sign-in, CSRF and session' },
  'POST /api/auth/[...nextauth]': { min: 'public', path: () => '/api/auth/signout', exempt: 'next-auth: sign-in and sign-out' },
  ...Object.fromEntries(
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => [`${method} /api/[...path]`, { min: 'public' as const, path: () => '/api/nothing-here', exempt: 'unknown API paths: a JSON 404' }]),
  ),
  'GET /api/health': { min: 'public', path: () => '/api/health', exempt: 'liveness probe, no data' },
  'GET /api/v1/openapi.json': { min: 'public', path: () => '/api/v1/openapi.json', exempt: 'the API reference document, no data' },
  'GET /docs/api': { min: 'public', path: () => '/docs/api', exempt: 'the rendered API reference, no data' },
  'GET /icons.svg': { min: 'public', path: () => '/icons.svg', exempt: 'the icons’ drawings, no data' },
  'GET /docs/api/[asset]': { min: 'public', path: () => '/docs/api/swagger-ui.css', exempt: 'the reference renderer’s own files' },
  'GET /api/webhooks/[type]/[id]': { min: 'public', path: () => `/api/webhooks/meta_whatsapp/${'A'.repeat(43)}?hub.mode=subscribe`, exempt: 'providers’ subscription checks: the unguessable id and verify token are the credentials' },
  'POST /api/webhooks/[type]/[id]': { min: 'public', path: () => `/api/webhooks/meta_whatsapp/${'A'.repeat(43)}`, exempt: 'providers’ callbacks: authenticated by their signatures (lib/webhooks/inbound)' },
  'GET /api/v1/me': { min: 'user', path: () => '/api/v1/me' },
  'GET /api/v1/admin/audit': { min: 'superadmin', path: () => '/api/v1/admin/audit' },
  'GET /api/v1/admin/audit/export': { min: 'superadmin', path: () => '/api/v1/admin/audit/export' },
  'GET /api/v1/settings/audit': { min: 'admin', path: () => '/api/v1/settings/audit' },
  'GET /api/v1/settings/audit/export': { min: 'admin', path: () => '/api/v1/settings/audit/export' },
  'GET /api/v1/settings/integrations': { min: 'agent', path: () => '/api/v1/settings/integrations' },
  'GET /api/v1/settings/integrations/[type]': { min: 'agent', path: () => '/api/v1/settings/integrations/twilio' },
  'POST /api/v1/settings/integrations/[type]': { min: 'admin', path: () => '/api/v1/settings/integrations/twilio', body: { credentials: {} } },
  'DELETE /api/v1/settings/integrations/[type]': { min: 'admin', path: () => '/api/v1/settings/integrations/twilio' },
  'GET /api/v1/settings/integrations/[type]/oauth/start': { min: 'admin', path: () => '/api/v1/settings/integrations/google_calendar/oauth/start' },
  'GET /api/v1/settings/integrations/[type]/oauth/callback': { min: 'admin', path: () => '/api/v1/settings/integrations/google_calendar/oauth/callback?code=x&state=y' },
  'GET /api/v1/settings/integrations/[type]/permissions': { min: 'admin', path: () => '/api/v1/settings/integrations/twilio/permissions' },
  'PUT /api/v1/settings/integrations/[type]/permissions': {
    min: 'admin',
    path: () => '/api/v1/settings/integrations/twilio/permissions',
    body: { user_id: NONE, can_use: true, can_view_status: true },
  },
  'POST /api/v1/settings/integrations/[type]/sync': { min: 'admin', path: () => '/api/v1/settings/integrations/twilio/sync' },
  'POST /api/v1/settings/integrations/[type]/test': { min: 'admin', path: () => '/api/v1/settings/integrations/twilio/test' },
  ...Object.fromEntries(
    ['email/send', 'email/bulk', 'sms/send', 'sms/otp', 'sms/verification-code', 'whatsapp/send', 'phone/call'].map((path) => [
      `POST /api/v1/integrations/${path}`,
      { min: 'agent' as const, path: () => `/api/v1/integrations/${path}`, body: {} },
    ]),
  ),
  'GET /api/v1/integrations/sms/[id]/status': { min: 'agent', path: () => `/api/v1/integrations/sms/${NONE}/status` },
  // Operations: any member the integration is granted to; objects are looked up in the caller's own
  // organization's request log, so another organization's ids are as unknown as made-up ones.
  'POST /api/v1/integrations/[type]/actions/[action]': { min: 'agent', path: () => '/api/v1/integrations/stripe/actions/create_intent', body: {} },
  ...Object.fromEntries(
    ['payments/stripe/intent', 'payments/stripe/confirm', 'payments/refund', 'payments/paypal/create', 'payments/paypal/execute', 'zoom/create', 'calendar/google/event', 'signing/submissions', 'kyc/checks'].map(
      (path) => [`POST /api/v1/integrations/${path}`, { min: 'agent' as const, path: () => `/api/v1/integrations/${path}`, body: {} }],
    ),
  ),
  'GET /api/v1/integrations/payments/[paymentId]/status': { min: 'agent', path: () => '/api/v1/integrations/payments/pi_3MatrixUnknown/status' },
  'GET /api/v1/integrations/zoom/[meetingId]': { min: 'agent', path: () => '/api/v1/integrations/zoom/85746065123' },
  'DELETE /api/v1/integrations/zoom/[meetingId]': { min: 'agent', path: () => '/api/v1/integrations/zoom/85746065123' },
  'GET /api/v1/integrations/zoom/[meetingId]/recordings': { min: 'agent', path: () => '/api/v1/integrations/zoom/85746065123/recordings' },
  'GET /api/v1/integrations/calendar/google/events': { min: 'agent', path: () => '/api/v1/integrations/calendar/google/events' },
  'PUT /api/v1/integrations/calendar/google/event/[eventId]': { min: 'agent', path: () => '/api/v1/integrations/calendar/google/event/matrixevent1', body: {} },
  'DELETE /api/v1/integrations/calendar/google/event/[eventId]': { min: 'agent', path: () => '/api/v1/integrations/calendar/google/event/matrixevent1' },
  'GET /api/v1/integrations/signing/submissions/[submissionId]': { min: 'agent', path: () => '/api/v1/integrations/signing/submissions/1001' },
  'GET /api/v1/integrations/kyc/checks/[checkId]': { min: 'agent', path: () => '/api/v1/integrations/kyc/checks/sb-matrix' },
  'GET /api/v1/integrations/health': { min: 'manager', path: () => '/api/v1/integrations/health' },
  'GET /api/v1/admin/integrations/health': { min: 'superadmin', path: () => '/api/v1/admin/integrations/health' },
  'GET /api/v1/settings/members': { min: 'manager', path: () => '/api/v1/settings/members' },
  'POST /api/v1/settings/members': { min: 'admin', path: () => '/api/v1/settings/members', body: { email: 'nobody@example.com', role: 'agent' } },
  'PATCH /api/v1/settings/members/[id]': {
    min: 'admin',
    path: (ids) => `/api/v1/settings/members/${ids.acmeAgentMembership}`,
    body: { role: 'admin' },
    foreign: (ids) => `/api/v1/settings/members/${ids.globexAgentMembership}`,
  },
  'DELETE /api/v1/settings/members/[id]': {
    min: 'admin',
    path: (ids) => `/api/v1/settings/members/${ids.acmeAgentMembership}`,
    foreign: (ids) => `/api/v1/settings/members/${ids.globexAgentMembership}`,
  },
  'GET /api/v1/settings/phone-numbers': { min: 'agent', path: () => '/api/v1/settings/phone-numbers' },
  'GET /api/v1/settings/phone-numbers/syncs': { min: 'manager', path: () => '/api/v1/settings/phone-numbers/syncs' },
  'POST /api/v1/settings/phone-numbers/[id]/assign': {
    min: 'manager',
    path: (ids) => `/api/v1/settings/phone-numbers/${ids.acmeNumber}/assign`,
    body: { user_id: null },
    foreign: (ids) => `/api/v1/settings/phone-numbers/${ids.globexNumber}/assign`,
  },
  'POST /api/v1/settings/phone-numbers/[id]/primary': {
    min: 'manager',
    path: (ids) => `/api/v1/settings/phone-numbers/${ids.acmeNumber}/primary`,
    body: {},
    foreign: (ids) => `/api/v1/settings/phone-numbers/${ids.globexNumber}/primary`,
  },
  'GET /api/v1/settings/phone-numbers/[id]/history': {
    min: 'manager',
    path: (ids) => `/api/v1/settings/phone-numbers/${ids.acmeNumber}/history`,
    foreign: (ids) => `/api/v1/settings/phone-numbers/${ids.globexNumber}/history`,
  },
  'GET /api/v1/integrations/requests': { min: 'agent', path: () => '/api/v1/integrations/requests' },
  'GET /api/v1/integrations/requests/export': { min: 'agent', path: () => '/api/v1/integrations/requests/export' },
  'GET /api/v1/integrations/requests/[id]': {
    min: 'agent',
    path: (ids) => `/api/v1/integrations/requests/${ids.acmeRequest}`,
    foreign: (ids) => `/api/v1/integrations/requests/${ids.globexRequest}`,
  },
  'GET /api/v1/settings/webhooks': { min: 'admin', path: () => '/api/v1/settings/webhooks' },
  'POST /api/v1/settings/webhooks': { min: 'admin', path: () => '/api/v1/settings/webhooks', body: { url: 'https://example.com/hook', event_types: ['message.sent'] } },
  ...Object.fromEntries(
    (['GET', 'PATCH', 'DELETE'] as const).map((method) => [
      `${method} /api/v1/settings/webhooks/[id]`,
      {
        min: 'admin' as const,
        path: (ids: Ids) => `/api/v1/settings/webhooks/${ids.acmeWebhook}`,
        ...(method === 'PATCH' ? { body: { enabled: false } } : {}),
        foreign: (ids: Ids) => `/api/v1/settings/webhooks/${ids.globexWebhook}`,
      },
    ]),
  ),
  ...Object.fromEntries(
    (['GET deliveries', 'POST test', 'POST rotate-secret'] as const).map((call) => {
      const [method, tail] = call.split(' ') as [string, string];
      return [
        `${method} /api/v1/settings/webhooks/[id]/${tail}`,
        { min: 'admin' as const, path: (ids: Ids) => `/api/v1/settings/webhooks/${ids.acmeWebhook}/${tail}`, foreign: (ids: Ids) => `/api/v1/settings/webhooks/${ids.globexWebhook}/${tail}` },
      ];
    }),
  ),
  'POST /api/v1/settings/webhooks/[id]/deliveries/[deliveryId]/redeliver': {
    min: 'admin',
    path: (ids) => `/api/v1/settings/webhooks/${ids.acmeWebhook}/deliveries/${ids.acmeDelivery}/redeliver`,
    foreign: (ids) => `/api/v1/settings/webhooks/${ids.globexWebhook}/deliveries/${ids.globexDelivery}/redeliver`,
  },
  'GET /api/whatsapp/alerts': { min: 'user', path: () => '/api/whatsapp/alerts' },
  'GET /api/whatsapp/available-endpoints': { min: 'superadmin', path: () => '/api/whatsapp/available-endpoints' },
  'GET /api/whatsapp/tenant-config/[tenantId]': {
    min: 'agent',
    path: (ids) => `/api/whatsapp/tenant-config/${ids.acme}`,
    foreign: (ids) => `/api/whatsapp/tenant-config/${ids.globex}`,
  },
  'POST /api/whatsapp/tenant-config/[tenantId]': { min: 'superadmin', path: (ids) => `/api/whatsapp/tenant-config/${ids.acme}`, body: { endpoint_name: 'Secondary' } },
  'DELETE /api/whatsapp/tenant-config/[tenantId]': { min: 'superadmin', path: (ids) => `/api/whatsapp/tenant-config/${ids.acme}` },
  'POST /api/whatsapp/tenant-config/[tenantId]/check': {
    min: 'admin',
    path: (ids) => `/api/whatsapp/tenant-config/${ids.acme}/check`,
    foreign: (ids) => `/api/whatsapp/tenant-config/${ids.globex}/check`,
  },
};

const actions: Record<string, ActionCase> = {
  switchOrganization: { min: 'user', args: (ids) => ({ orgId: ids.acme }), foreign: (ids) => ({ orgId: ids.globex }) },
  acceptInvitationAction: { min: 'user', args: () => ({ token: `sbi_${'A'.repeat(43)}` }) },
  joinWithAccountAction: { min: 'public', args: () => ({}), exempt: 'opening an invitation link before having an account: the link is the credential' },
  assignEndpointAction: { min: 'superadmin', args: (ids) => ({ tenantId: ids.acme, endpoint_name: 'Secondary' }) },
  removeEndpointAction: { min: 'superadmin', args: (ids) => ({ tenantId: ids.acme }) },
  checkEndpointNowAction: { min: 'admin', args: (ids) => ({ tenantId: ids.acme }), foreign: (ids) => ({ tenantId: ids.globex }) },
  placeCallAction: {
    min: 'agent',
    args: (ids) => ({ numberId: ids.acmeNumber, to: '+14155550199' }),
    foreign: (ids) => ({ numberId: ids.globexNumber, to: '+14155550199' }),
  },
  createApiTokenAction: { min: 'admin', args: () => ({ name: 'matrix', role: 'manager', scopes: ['settings:read'] }) },
  revokeApiTokenAction: { min: 'admin', args: (ids) => ({ id: ids.globexToken }), foreign: (ids) => ({ id: ids.globexToken }) },
  testIntegrationAction: { min: 'admin', args: () => ({ type: 'twilio', credentials: {} }) },
  saveIntegrationAction: { min: 'admin', args: () => ({ type: 'twilio', credentials: {} }) },
  deleteIntegrationAction: { min: 'admin', args: () => ({ type: 'twilio' }) },
  setPermissionAction: {
    min: 'admin',
    args: (ids) => ({ type: 'twilio', user_id: ids.globexAgentUser, can_use: true, can_view_status: true }),
    foreign: (ids) => ({ type: 'twilio', user_id: ids.globexAgentUser, can_use: true, can_view_status: true }),
  },
  updateMemberRoleAction: {
    min: 'admin',
    args: (ids) => ({ membershipId: ids.acmeAgentMembership, role: 'admin' }),
    foreign: (ids) => ({ membershipId: ids.globexAgentMembership, role: 'admin' }),
  },
  inviteByEmailAction: { min: 'admin', args: () => ({ email: 'nobody@example.com', role: 'agent' }) },
  removeMemberAction: {
    min: 'admin',
    args: (ids) => ({ membershipId: ids.acmeAgentMembership }),
    foreign: (ids) => ({ membershipId: ids.globexAgentMembership }),
  },
  createInvitationAction: { min: 'admin', args: () => ({ role: 'agent', expires_in_days: 7 }) },
  revokeInvitationAction: { min: 'admin', args: (ids) => ({ id: ids.globexInvitation }), foreign: (ids) => ({ id: ids.globexInvitation }) },
  assignNumberAction: {
    min: 'manager',
    args: (ids) => ({ id: ids.acmeNumber, user_id: null }),
    foreign: (ids) => ({ id: ids.globexNumber, user_id: null }),
  },
  setPrimaryNumberAction: { min: 'manager', args: (ids) => ({ id: ids.acmeNumber }), foreign: (ids) => ({ id: ids.globexNumber }) },
  syncNumbersAction: { min: 'admin', args: () => ({ type: 'twilio' }) },
  // The gateway's admin actions name an integration or a channel of the caller's own organization:
  // there is no id to aim at another organization.
  setRouteAction: { min: 'admin', args: () => ({ channel: 'sms', primary: null, fallback: null }) },
  saveOtpTextAction: { min: 'admin', args: () => ({ otp_text: 'Matrix code {code} here' }) },
  sendTestAction: { min: 'admin', args: () => ({ type: 'twilio', kind: 'sms', to: '+60 12-345 6789', text: 'Matrix' }) },
  discardHeldAction: { min: 'admin', args: () => ({ type: 'twilio' }) },
  rotateWebhookUrlAction: { min: 'admin', args: () => ({ type: 'twilio' }) },
  // Acts only on the caller's own row: there is no id to aim at another organization.
  updateProfileAction: { min: 'user', args: () => ({ name: 'Matrix', phone: '+60 12-345 6789', country: '' }) },
  // Hides the checklist for the caller in their active organization: no id to aim elsewhere.
  hideOnboardingAction: { min: 'admin', args: () => ({}) },
};

// Discovery ------------------------------------------------------------------------------------------

interface BuiltAction {
  id: string;
  name: string;
  /** A page that serves the action (any page whose tree imports it). */
  page: string;
}

/** The server actions the production build exposes, with a page each can be posted to. */
async function discoverActions(ids: Ids): Promise<BuiltAction[]> {
  const manifest = JSON.parse(await readFile(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).sort()[0]!;
    const page =
      worker
        .replace(/^app/, '')
        .replace(/\/page$/, '')
        .replace(/\/\([^)]+\)/g, '')
        .replace('[id]', ids.acme)
        .replace('[token]', 'sbi_unknown') || '/';
    return { id, name: entry.exportedName, page };
  });
}

// Callers ----------------------------------------------------------------------------------------------

async function as(who: keyof typeof accounts | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  if (who) await apiSignIn(context, accounts[who]);
  return context;
}

async function callRoute(context: APIRequestContext, key: string, url: string, body: unknown): Promise<{ status: number; code: string | undefined }> {
  const method = key.split(' ')[0]!;
  const response = await context.fetch(url, { method, data: method === 'GET' ? undefined : (body ?? {}), maxRedirects: 0 });
  const json = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: response.status(), code: json?.error?.code };
}

/** Posts a server action the way the browser does and returns the code of its `{ ok: false }` answer. */
async function callAction(context: APIRequestContext, action: BuiltAction, args: unknown, headers: Record<string, string> = {}): Promise<string | undefined> {
  const response = await context.post(action.page, {
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: baseURL, ...headers },
    data: JSON.stringify([args]),
    maxRedirects: 0,
  });
  const text = await response.text();
  return /"code":"([a-z_]+)"/.exec(text)?.[1] ?? `HTTP ${response.status()}`;
}

// Data the calls aim at ---------------------------------------------------------------------------------

let ids: Ids;
const created: { numbers: string[]; token: string; invitation: string; requests: string[]; webhooks: string[] } = { numbers: [], token: '', invitation: '', requests: [], webhooks: [] };

const snapshot = snapshotOfWritableState;

test.beforeAll(async () => {
  ids = await withOwner(async (c) => {
    const one = async (sql: string, params: unknown[] = []) => ((await c.query<{ id: string }>(sql, params)).rows[0]!).id;
    const org = (slug: string) => one(`select id from organizations where slug = $1`, [slug]);
    const membership = (email: string, slug: string) =>
      one(`select m.id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where u.email = $1 and o.slug = $2`, [email, slug]);
    const acme = await org('acme');
    const globex = await org('globex');
    const number = (orgId: string, phone: string) =>
      one(`insert into organization_phone_numbers (organization_id, source, phone_number) values ($1, 'twilio', $2) returning id`, [orgId, phone]);
    const acmeNumber = await number(acme, `+1415555${String(Date.now()).slice(-4)}`);
    const globexNumber = await number(globex, `+1415556${String(Date.now()).slice(-4)}`);
    created.numbers = [acmeNumber, globexNumber];
    const globexAdmin = await one(`select id from users where email = $1`, [accounts.globexAdmin]);
    const hash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
    created.token = await one(
      `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by) values ($1, 'matrix', 'sbt_matrix', $2, 'admin', $3) returning id`,
      [globex, hash(), globexAdmin],
    );
    created.invitation = await one(
      `insert into organization_invitations (organization_id, role, token_hash, created_by, expires_at) values ($1, 'agent', $2, $3, now() + interval '1 day') returning id`,
      [globex, hash(), globexAdmin],
    );
    const request = (orgId: string, email: string) =>
      one(
        `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_user_id, sender_label)
         select $1, 'sms', 'text', 'twilio', 'sent', '+14155550100', id, email from users where email = $2 returning id`,
        [orgId, email],
      );
    created.requests = [await request(acme, accounts.admin), await request(globex, accounts.globexAdmin)];
    // An endpoint with one finished delivery in each organization (nothing is queued, so no job touches them).
    const webhook = async (orgId: string) => {
      const endpoint = await one(
        `insert into webhook_endpoints (organization_id, url, event_types, secret_sealed, secret_hint, key_id) values ($1, 'https://example.com/matrix', '{payment.*}', 'v1.matrix', '••••trix', 'matrix') returning id`,
        [orgId],
      );
      const event = await one(`insert into webhook_events (organization_id, type, data) values ($1, 'payment.succeeded', '{}') returning id`, [orgId]);
      const delivery = await one(
        `insert into webhook_deliveries (organization_id, endpoint_id, event_id, event_type, status, attempt_count, completed_at) values ($1, $2, $3, 'payment.succeeded', 'succeeded', 1, now()) returning id`,
        [orgId, endpoint, event],
      );
      return { endpoint, delivery };
    };
    const acmeHook = await webhook(acme);
    const globexHook = await webhook(globex);
    created.webhooks = [acmeHook.endpoint, globexHook.endpoint];
    return {
      acme,
      globex,
      acmeAgentMembership: await membership(accounts.agent, 'acme'),
      globexAgentMembership: await membership('agent@globex.example', 'globex'),
      globexAgentUser: await one(`select id from users where email = 'agent@globex.example'`),
      acmeNumber,
      globexNumber,
      globexToken: created.token,
      globexInvitation: created.invitation,
      acmeRequest: created.requests[0]!,
      globexRequest: created.requests[1]!,
      acmeWebhook: acmeHook.endpoint,
      globexWebhook: globexHook.endpoint,
      acmeDelivery: acmeHook.delivery,
      globexDelivery: globexHook.delivery,
    };
  });
});

test.afterAll(async () => {
  await withOwner(async (c) => {
    await c.query(`delete from organization_phone_numbers where id = any($1)`, [created.numbers]);
    await c.query(`delete from api_tokens where id = $1`, [created.token]);
    await c.query(`delete from organization_invitations where id = $1`, [created.invitation]);
    await c.query(`delete from outbound_requests where id = any($1)`, [created.requests]);
    await c.query(`delete from webhook_endpoints where id = any($1)`, [created.webhooks]);
    await c.query(`delete from webhook_events e where not exists (select 1 from webhook_deliveries d where d.event_id = e.id) and e.data = '{}'`);
  });
});

// Tests ----------------------------------------------------------------------------------------------------

test('every route handler and server action has a row in the matrix', async () => {
  const found = await discoverRoutes();
  const built = (await discoverActions(ids)).map((a) => a.name);
  expect(found.filter((key) => !routes[key]), 'route handlers without a row').toEqual([]);
  expect(built.filter((name) => !actions[name]), 'server actions without a row').toEqual([]);
  expect(Object.keys(routes).filter((key) => !found.includes(key)), 'rows for routes that no longer exist').toEqual([]);
  expect(Object.keys(actions).filter((name) => !built.includes(name)), 'rows for actions that no longer exist').toEqual([]);
});

test('route handlers refuse a missing session (401), a lower role (403) and another organization’s ids (404)', async () => {
  test.setTimeout(120_000);
  const before = await snapshot();
  const anonymous = await as(null);
  const callers = new Map<string, APIRequestContext>();
  const caller = async (who: keyof typeof accounts) => callers.get(who) ?? callers.set(who, await as(who)).get(who)!;

  for (const [key, c] of Object.entries(routes)) {
    if (c.exempt) continue;
    const url = c.path(ids);
    expect(await callRoute(anonymous, key, url, c.body), `${key} without a session`).toEqual({ status: 401, code: 'unauthorized' });
    for (const who of below[c.min]) {
      expect(await callRoute(await caller(who), key, url, c.body), `${key} as ${who}`).toEqual({ status: 403, code: 'forbidden' });
    }
    if (c.foreign) {
      expect(await callRoute(await caller('admin'), key, c.foreign(ids), c.body), `${key} with Globex's id`).toEqual({ status: 404, code: 'not_found' });
    }
  }
  await anonymous.dispose();
  for (const context of callers.values()) await context.dispose();
  expect(await snapshot(), 'refused calls changed nothing').toBe(before);
});

test('server actions refuse a missing session, a lower role and another organization’s ids', async () => {
  test.setTimeout(120_000);
  const before = await snapshot();
  const built = await discoverActions(ids);
  const anonymous = await as(null);
  const callers = new Map<string, APIRequestContext>();
  const caller = async (who: keyof typeof accounts) => callers.get(who) ?? callers.set(who, await as(who)).get(who)!;

  for (const action of built) {
    const c = actions[action.name];
    if (!c || c.exempt) continue;
    const args = c.args(ids);
    // A forged session cookie gets past proxy.ts, which only looks for the cookie; the action refuses.
    expect(await callAction(anonymous, action, args, { cookie: 'next-auth.session-token=forged' }), `${action.name} without a session`).toBe('unauthorized');
    for (const who of below[c.min]) {
      expect(await callAction(await caller(who), action, args), `${action.name} as ${who}`).toBe('forbidden');
    }
    if (c.foreign) {
      expect(await callAction(await caller('admin'), action, c.foreign(ids)), `${action.name} with Globex's id`).toBe('not_found');
    }
  }
  await anonymous.dispose();
  for (const context of callers.values()) await context.dispose();
  expect(await snapshot(), 'refused calls changed nothing').toBe(before);
});
