import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { auditFilterSchema } from '@/lib/validations/audit';
import { integrationTypeSchema, orgRoleSchema } from '@/lib/validations/common';
import { deleteIntegrationObject, permissionSchema, saveIntegrationSchema, testIntegrationSchema } from '@/lib/validations/integrations';
import { inviteByEmailSchema } from '@/lib/validations/membership';
import { assignNumberSchema, numberFilterSchema, primaryNumberObject } from '@/lib/validations/phone-numbers';
import { endpointSettingsSchema, removeEndpointSchema } from '@/lib/validations/whatsapp';
import type { ApiTokenScope } from '@/lib/validations/api-token-scopes';
import { responses } from './responses';

// Every API operation the portal serves, with the same zod schemas its route handler parses with.
// The OpenAPI document (/api/v1/openapi.json) is generated from this list; a test fails when a route
// file and this list disagree, and the proxy answers 405 from it for a method a path does not have.

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Auth = 'session' | 'token' | 'public';

export interface Operation {
  method: Method;
  /** OpenAPI form: `/api/v1/settings/members/{id}`. */
  path: string;
  id: string;
  tag: string;
  summary: string;
  description: string;
  /** How a caller authenticates: a portal session, an organization API token, or nothing. */
  auth: Auth[];
  /** The scope an API token needs (when tokens may call it). */
  scope?: ApiTokenScope;
  params?: z.ZodMiniObject;
  query?: z.core.$ZodType;
  body?: z.core.$ZodType;
  /** A body is optional for deletes and for tests of what is saved. */
  bodyOptional?: boolean;
  ok: { status: number; description: string; schema?: z.core.$ZodType; csv?: boolean; redirect?: boolean; /** Also answers 201 with the same body, when it created what it saved. */ created?: boolean };
  /** The error statuses this operation answers besides the ones every operation may (400, 413, 415, 429, 503). */
  errors: number[];
  /** Answers in a shape of their own (next-auth's), instead of the error envelope. */
  own?: Record<number, { description: string; schema?: z.core.$ZodType; redirect?: boolean }>;
}

const typeParam = z.object({ type: integrationTypeSchema() });
const idParam = z.object({ id: z.uuid() });
const tenantParam = z.object({ tenantId: z.uuid() });
const SESSION: Auth[] = ['session'];
const BOTH: Auth[] = ['session', 'token'];

const audit = (area: 'settings' | 'admin', who: string): Operation[] => [
  {
    method: 'get',
    path: `/api/v1/${area}/audit`,
    id: `${area}AuditList`,
    tag: 'Audit trail',
    summary: area === 'admin' ? 'Read the platform audit trail' : 'Read the organization’s audit trail',
    description: `${who} Newest first, 50 per page; pass \`nextCursor\` back as \`cursor\` for the next page.`,
    auth: SESSION,
    query: auditFilterSchema,
    ok: { status: 200, description: 'One page of entries.', schema: responses.auditPage },
    errors: [401, 403, 422],
  },
  {
    method: 'get',
    path: `/api/v1/${area}/audit/export`,
    id: `${area}AuditExport`,
    tag: 'Audit trail',
    summary: 'Export the audit trail as CSV',
    description: `${who} Every entry matching the filters, streamed as CSV.`,
    auth: SESSION,
    query: auditFilterSchema,
    ok: { status: 200, description: 'A CSV file.', csv: true },
    errors: [401, 403, 422],
  },
];

const integrations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/settings/integrations',
    id: 'listIntegrations',
    tag: 'Integrations',
    summary: 'List integrations and their status',
    description: 'Every integration the caller may see, with its state. Never a secret or a hint.',
    auth: BOTH,
    scope: 'settings:read',
    ok: { status: 200, description: 'The integrations.', schema: responses.integrations },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/v1/settings/integrations/{type}',
    id: 'getIntegration',
    tag: 'Integrations',
    summary: 'Read one integration',
    description: 'Its status for everyone allowed to see it; admins also get non-secret values and masked hints of saved secrets.',
    auth: BOTH,
    scope: 'settings:read',
    params: typeParam,
    ok: { status: 200, description: 'The integration.', schema: responses.integration },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/v1/settings/integrations/{type}',
    id: 'saveIntegration',
    tag: 'Integrations',
    summary: 'Configure an integration',
    description:
      'Admins only. Changed credentials are tested first; a failed test answers 422 `test_failed` and saves nothing, unless `save_unverified` is true. The credentials may also be sent at the top level of the body, as in `{"account_sid": …, "api_key": …}`. Answers 201 when created, 200 when changed; `expected_version` refuses to overwrite a newer save (409).',
    auth: BOTH,
    scope: 'settings:write',
    params: typeParam,
    body: saveIntegrationSchema,
    ok: { status: 200, description: 'Saved (201 when it was created).', schema: responses.saved, created: true },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'delete',
    path: '/api/v1/settings/integrations/{type}',
    id: 'deleteIntegration',
    tag: 'Integrations',
    summary: 'Delete saved credentials',
    description: 'Admins only. The server environment’s credentials, if any, apply again.',
    auth: BOTH,
    scope: 'settings:write',
    params: typeParam,
    body: deleteIntegrationObject,
    bodyOptional: true,
    ok: { status: 204, description: 'Deleted.' },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/integrations/{type}/test',
    id: 'testIntegration',
    tag: 'Integrations',
    summary: 'Test a connection',
    description:
      'Admins only. Tests the values sent (blank secrets use the saved ones) without saving them; with no body, tests what is saved and records the result. Answers 200 whether or not the provider accepted the credentials: read `success` and `result`.',
    auth: BOTH,
    scope: 'settings:write',
    params: typeParam,
    body: testIntegrationSchema,
    bodyOptional: true,
    ok: { status: 200, description: 'The typed result of the test.', schema: responses.tested },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/integrations/{type}/sync',
    id: 'syncNumbers',
    tag: 'Phone numbers',
    summary: 'Sync phone numbers from an integration',
    description: 'Admins only. Runs a sync now and answers with its counts; progress is readable meanwhile from the syncs list.',
    auth: BOTH,
    scope: 'settings:write',
    params: typeParam,
    ok: { status: 200, description: 'The finished sync.', schema: responses.synced },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'get',
    path: '/api/v1/settings/integrations/{type}/permissions',
    id: 'listPermissions',
    tag: 'Integrations',
    summary: 'List who may use an integration',
    description: 'Admins only. Each member’s grant on this integration.',
    auth: BOTH,
    scope: 'settings:read',
    params: typeParam,
    ok: { status: 200, description: 'The grants.', schema: responses.permissions },
    errors: [401, 403, 404],
  },
  {
    method: 'put',
    path: '/api/v1/settings/integrations/{type}/permissions',
    id: 'setPermission',
    tag: 'Integrations',
    summary: 'Grant or withdraw a member’s use of an integration',
    description: 'Admins only. Both flags false removes the grant.',
    auth: BOTH,
    scope: 'settings:write',
    params: typeParam,
    body: permissionSchema,
    ok: { status: 200, description: 'The member’s grant.', schema: responses.permission },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'get',
    path: '/api/v1/settings/integrations/{type}/oauth/start',
    id: 'startOAuth',
    tag: 'Integrations',
    summary: 'Connect an OAuth integration',
    description: 'Admins only, in a browser: redirects to the provider’s consent page for the organization’s saved client.',
    auth: SESSION,
    params: typeParam,
    ok: { status: 303, description: 'To the provider’s consent page.', redirect: true },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/settings/integrations/{type}/oauth/callback',
    id: 'completeOAuth',
    tag: 'Integrations',
    summary: 'Return from the provider’s consent page',
    description: 'The provider sends the browser here; every outcome redirects to the integrations page with its result.',
    auth: SESSION,
    params: typeParam,
    query: z.object({ code: z.optional(z.string()), state: z.optional(z.string()), error: z.optional(z.string()) }),
    ok: { status: 303, description: 'Back to the integrations page.', redirect: true },
    errors: [401, 403, 404],
  },
];

const team: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/settings/members',
    id: 'listMembers',
    tag: 'Team',
    summary: 'List members',
    description: 'Admins and managers.',
    auth: SESSION,
    ok: { status: 200, description: 'The members.', schema: responses.members },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/api/v1/settings/members',
    id: 'inviteMember',
    tag: 'Team',
    summary: 'Invite a person by email',
    description: 'Admins only. The answer is the same whether or not the address has an account; the person joins by accepting the link.',
    auth: SESSION,
    body: inviteByEmailSchema,
    ok: { status: 201, description: 'The invitation and its link.', schema: responses.invited },
    errors: [401, 403, 409, 422],
  },
  {
    method: 'patch',
    path: '/api/v1/settings/members/{id}',
    id: 'changeMemberRole',
    tag: 'Team',
    summary: 'Change a member’s role',
    description: 'Admins only. The last admin cannot be demoted.',
    auth: SESSION,
    params: idParam,
    body: z.object({ role: orgRoleSchema }),
    ok: { status: 200, description: 'The member.', schema: responses.memberChanged },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'delete',
    path: '/api/v1/settings/members/{id}',
    id: 'removeMember',
    tag: 'Team',
    summary: 'Remove a member',
    description: 'Admins only. Their phone numbers are unassigned and their API tokens revoked in the same step.',
    auth: SESSION,
    params: idParam,
    ok: { status: 200, description: 'How many numbers were unassigned.', schema: responses.memberRemoved },
    errors: [401, 403, 404, 409, 422],
  },
];

const phone: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/settings/phone-numbers',
    id: 'listPhoneNumbers',
    tag: 'Phone numbers',
    summary: 'List phone numbers',
    description: 'The organization’s numbers; agents see the ones assigned to them.',
    auth: BOTH,
    scope: 'settings:read',
    query: numberFilterSchema,
    ok: { status: 200, description: 'The numbers.', schema: responses.numbers },
    errors: [401, 403, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/phone-numbers/{id}/assign',
    id: 'assignPhoneNumber',
    tag: 'Phone numbers',
    summary: 'Assign a number to a member',
    description: 'Admins and managers. `user_id: null` unassigns. 409, naming who holds it, when someone else changed it first.',
    auth: BOTH,
    scope: 'settings:write',
    params: idParam,
    body: assignNumberSchema,
    ok: { status: 200, description: 'The number.', schema: responses.number },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/phone-numbers/{id}/primary',
    id: 'setPrimaryNumber',
    tag: 'Phone numbers',
    summary: 'Make a number the organization’s primary',
    description: 'Admins and managers.',
    auth: BOTH,
    scope: 'settings:write',
    params: idParam,
    body: primaryNumberObject,
    bodyOptional: true,
    ok: { status: 200, description: 'The number.', schema: responses.number },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'get',
    path: '/api/v1/settings/phone-numbers/{id}/history',
    id: 'phoneNumberHistory',
    tag: 'Phone numbers',
    summary: 'Who held a number',
    description: 'Admins and managers. Newest first.',
    auth: BOTH,
    scope: 'settings:read',
    params: idParam,
    ok: { status: 200, description: 'The assignments.', schema: responses.history },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/settings/phone-numbers/syncs',
    id: 'listNumberSyncs',
    tag: 'Phone numbers',
    summary: 'Latest sync of each source',
    description: 'Admins and managers.',
    auth: BOTH,
    scope: 'settings:read',
    ok: { status: 200, description: 'The syncs.', schema: responses.syncs },
    errors: [401, 403],
  },
];

const whatsapp: Operation[] = [
  {
    method: 'get',
    path: '/api/whatsapp/available-endpoints',
    id: 'listWhatsAppEndpoints',
    tag: 'WhatsApp endpoints',
    summary: 'Names of the configured endpoints',
    description: 'Superadmins only. Names only: never URLs or keys.',
    auth: SESSION,
    ok: { status: 200, description: 'The names.', schema: responses.endpointNames },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/whatsapp/tenant-config/{tenantId}',
    id: 'getWhatsAppAssignment',
    tag: 'WhatsApp endpoints',
    summary: 'A tenant’s endpoint',
    description: 'Superadmins see the full assignment, the tenant’s members its name and health; `config` is null when none is assigned.',
    auth: SESSION,
    params: tenantParam,
    ok: { status: 200, description: 'The assignment.', schema: responses.tenantConfig },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/whatsapp/tenant-config/{tenantId}',
    id: 'assignWhatsAppEndpoint',
    tag: 'WhatsApp endpoints',
    summary: 'Assign or change a tenant’s endpoint',
    description: 'Superadmins only. Answers 201 when assigned, 200 when changed; `expected_version` refuses to overwrite a newer change (409).',
    auth: SESSION,
    params: tenantParam,
    body: endpointSettingsSchema,
    ok: { status: 200, description: 'The assignment (201 when new).', schema: responses.endpointAssigned, created: true },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'delete',
    path: '/api/whatsapp/tenant-config/{tenantId}',
    id: 'removeWhatsAppEndpoint',
    tag: 'WhatsApp endpoints',
    summary: 'Remove a tenant’s endpoint',
    description: 'Superadmins only.',
    auth: SESSION,
    params: tenantParam,
    body: removeEndpointSchema,
    bodyOptional: true,
    ok: { status: 200, description: 'Removed.', schema: responses.removed },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/whatsapp/tenant-config/{tenantId}/check',
    id: 'checkWhatsAppEndpoint',
    tag: 'WhatsApp endpoints',
    summary: 'Check an endpoint’s health now',
    description: 'Superadmins, or the tenant’s admins. The reason of a failure is for superadmins only.',
    auth: SESSION,
    params: tenantParam,
    ok: { status: 200, description: 'The check’s result.', schema: responses.endpointCheck },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/whatsapp/alerts',
    id: 'whatsAppAlerts',
    tag: 'WhatsApp endpoints',
    summary: 'Open endpoint alerts',
    description: 'Superadmins get the platform count, a tenant’s admins their own endpoint’s alert.',
    auth: SESSION,
    ok: { status: 200, description: 'The alerts.', schema: responses.alerts },
    errors: [401],
  },
];

const account: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    id: 'health',
    tag: 'Account',
    summary: 'Liveness',
    description: 'Answers without touching the database or a session.',
    auth: ['public'],
    ok: { status: 200, description: 'The portal is up.', schema: responses.health },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/me',
    id: 'me',
    tag: 'Account',
    summary: 'Who is signed in',
    description: 'The signed-in person, their organizations and the active one.',
    auth: SESSION,
    ok: { status: 200, description: 'The person.', schema: responses.me },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    id: 'openapi',
    tag: 'Account',
    summary: 'This reference, as OpenAPI 3.1',
    description: 'The document this reference is rendered from.',
    auth: ['public'],
    ok: { status: 200, description: 'The OpenAPI document.' },
    errors: [],
  },
];

/** next-auth's endpoints that the sign-in page uses; their answers are next-auth's own. */
const nextAuthUrl = z.object({ url: z.string() });
const signIn: Operation[] = [
  {
    method: 'get',
    path: '/api/auth/csrf',
    id: 'signInCsrf',
    tag: 'Sign-in',
    summary: 'A token for the sign-in form',
    description: 'next-auth’s CSRF token, to send with a sign-in or sign-out.',
    auth: ['public'],
    ok: { status: 200, description: '`{ "csrfToken" }`.', schema: z.object({ csrfToken: z.string() }) },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/auth/session',
    id: 'signInSession',
    tag: 'Sign-in',
    summary: 'The current session',
    description: 'next-auth’s session: `{}` when signed out.',
    auth: ['public'],
    ok: { status: 200, description: 'The session.', schema: z.record(z.string(), z.unknown()) },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/auth/providers',
    id: 'signInProviders',
    tag: 'Sign-in',
    summary: 'How one can sign in',
    description: 'next-auth’s list of sign-in methods: email and password.',
    auth: ['public'],
    ok: { status: 200, description: 'The sign-in methods.', schema: z.record(z.string(), z.unknown()) },
    errors: [],
  },
  {
    method: 'post',
    path: '/api/auth/callback/credentials',
    id: 'signInWithPassword',
    tag: 'Sign-in',
    summary: 'Sign in with email and password',
    description:
      'A form post (`application/x-www-form-urlencoded`: `csrfToken`, `email`, `password`, `json=true`), as the sign-in page sends it. Refused attempts back off per account and address.',
    auth: ['public'],
    ok: { status: 200, description: 'Where to go next; the session cookie is set on success.', schema: nextAuthUrl },
    errors: [405],
    own: {
      302: { description: 'Without `json=true`: to the page to go to next.', redirect: true },
      401: { description: 'The email or password was not accepted (or attempts are backing off).', schema: nextAuthUrl },
    },
  },
  {
    method: 'post',
    path: '/api/auth/signout',
    id: 'signOut',
    tag: 'Sign-in',
    summary: 'Sign out',
    description: 'A form post with `csrfToken`; clears the session cookie.',
    auth: ['public'],
    ok: { status: 200, description: 'Signed out.', schema: nextAuthUrl },
    errors: [],
    own: { 302: { description: 'Without `json=true`: to the sign-in page.', redirect: true } },
  },
];

export const operations: Operation[] = [
  ...signIn,
  ...account,
  ...integrations,
  ...phone,
  ...team,
  ...audit('settings', 'Admins, and managers for their organization.'),
  ...audit('admin', 'Superadmins only, across organizations.'),
  ...whatsapp,
];

/** The one route file that is not an operation: the JSON 404 for every address not listed here. */
export const FALLBACK_ROUTE = 'app/api/[...path]/route.ts';
