import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { auditActions, auditOutcomes } from '@/lib/validations/audit';
import { requestChannels, requestStatuses } from '@/lib/validations/gateway';
import { failureCodes, providerGroups } from '@/lib/integrations/define';
import { healthStatuses, orgRoles } from '@/lib/validations/constants';

// What the API answers, as zod schemas: the OpenAPI document is generated from these, and in the
// end-to-end run every answer is checked against that document. Objects are closed (no field that
// is not listed here), so an answer that grows a field the reference does not name fails the run.

const iso = z.iso.datetime({ offset: true });
const nullable = <T extends z.core.$ZodType>(schema: T) => z.nullable(schema);
const role = z.enum(orgRoles);

export const errorEnvelope = z
  .object({
    error: z.looseObject({
      code: z.string(),
      message: z.string(),
      fields: z.optional(z.record(z.string(), z.array(z.string()))),
    }),
  })
  .register(z.globalRegistry, { id: 'Error', description: 'Every answer that is not a success: a stable code, a sentence a person can act on, and the fields at fault.' });

const lastTest = z.object({ ok: z.boolean(), code: nullable(z.string()), message: nullable(z.string()), at: iso, latencyMs: nullable(z.number()) });

const statusFields = {
  type: z.string(),
  name: z.string(),
  group: z.enum(providerGroups.map((g) => g.id) as [string, ...string[]]),
  state: z.enum(['not_configured', 'verified', 'failing', 'unverified', 'environment', 'disabled']),
  displayName: nullable(z.string()),
  isActive: z.boolean(),
  isVerified: z.boolean(),
  lastVerifiedAt: nullable(iso),
  lastTest: nullable(lastTest),
  version: nullable(z.int()),
  updatedAt: nullable(iso),
};
export const integrationStatus = z.object(statusFields).register(z.globalRegistry, { id: 'IntegrationStatus' });
export const integrationDetail = z
  .object({
    ...statusFields,
    values: z.optional(z.record(z.string(), z.string())),
    secretHints: z.optional(z.record(z.string(), z.string())),
    unreadable: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, { id: 'Integration', description: 'Admins also receive non-secret values and a masked hint per saved secret; never a secret.' });

export const testResult = z
  .union([
    z.object({ ok: z.literal(true), latencyMs: z.number(), details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) }),
    z.object({
      ok: z.literal(false),
      code: z.enum(failureCodes),
      message: z.string(),
      hint: z.string(),
      latencyMs: z.optional(z.number()),
      retryAfterSeconds: z.optional(z.number()),
    }),
  ])
  .register(z.globalRegistry, { id: 'TestResult' });

const memberPermission = z.object({ userId: z.uuid(), name: z.string(), email: z.string(), role: z.string(), canUse: z.boolean(), canViewStatus: z.boolean() });

export const member = z
  .object({ membershipId: z.uuid(), userId: z.uuid(), name: z.string(), email: z.string(), role, joinedAt: iso })
  .register(z.globalRegistry, { id: 'Member' });

export const phoneNumber = z
  .object({
    id: z.uuid(),
    phone_number: z.string(),
    display_name: nullable(z.string()),
    number_type: nullable(z.string()),
    source: z.string(),
    assigned_to_user_id: nullable(z.uuid()),
    assignee: nullable(z.object({ name: z.string(), email: z.string() })),
    is_primary: z.boolean(),
    can_call: z.boolean(),
    can_sms: z.boolean(),
    can_whatsapp: z.boolean(),
    is_active: z.boolean(),
    synced_at: nullable(iso),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'PhoneNumber' });

export const syncSummary = z
  .object({
    id: z.uuid(),
    source: z.string(),
    status: z.enum(['running', 'succeeded', 'failed']),
    listed: z.int(),
    processed: z.int(),
    added: z.int(),
    updated: z.int(),
    deactivated: z.int(),
    error: nullable(z.string()),
    startedAt: iso,
    finishedAt: nullable(iso),
  })
  .register(z.globalRegistry, { id: 'NumberSync' });

const assignmentEvent = z.object({ at: iso, reason: z.string(), to: nullable(z.string()), from: nullable(z.string()), by: nullable(z.string()) });

export const auditEntry = z
  .object({
    id: z.string(),
    orgId: nullable(z.uuid()),
    orgName: nullable(z.string()),
    actorType: z.enum(['user', 'api_token', 'system']),
    actorId: nullable(z.string()),
    actorLabel: nullable(z.string()),
    action: z.union([z.enum(auditActions), z.string()]),
    integrationType: nullable(z.string()),
    targetType: nullable(z.string()),
    targetId: nullable(z.string()),
    outcome: z.enum(auditOutcomes),
    changedFields: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    ip: nullable(z.string()),
    userAgent: nullable(z.string()),
    createdAt: iso,
    chainSeq: z.string(),
    hash: z.string(),
  })
  .register(z.globalRegistry, { id: 'AuditEntry' });

const health = z.enum(healthStatuses);
const endpointSummaryFields = {
  tenant_id: z.uuid(),
  endpoint_name: z.string(),
  is_configured: z.boolean(),
  endpoint_on_server: z.boolean(),
  health_status: health,
  last_health_check: nullable(iso),
  health_check_interval: z.int(),
};
export const endpointAssignment = z
  .object({
    ...endpointSummaryFields,
    id: z.uuid(),
    auto_reconnect: z.boolean(),
    reconnect_interval: z.int(),
    webhook_retries: z.int(),
    message_timeout: z.int(),
    last_healthy_at: nullable(iso),
    consecutive_failures: z.int(),
    last_error: nullable(z.string()),
    unhealthy_since: nullable(iso),
    alert_raised_at: nullable(iso),
    version: z.int(),
    created_at: iso,
    updated_at: iso,
  })
  .register(z.globalRegistry, { id: 'EndpointAssignment', description: 'The full assignment, as superadmins see it.' });
export const endpointSummary = z
  .object(endpointSummaryFields)
  .register(z.globalRegistry, { id: 'EndpointSummary', description: 'What members of the tenant see: the endpoint’s name and health.' });

const requestStatus = z.enum(requestStatuses);
const requestError = nullable(z.object({ code: z.string(), message: nullable(z.string()) }));

export const requestSummary = z
  .object({
    id: z.uuid(),
    channel: z.enum(requestChannels),
    kind: z.enum(['text', 'template', 'otp', 'email', 'call', 'operation']),
    integration: z.string(),
    status: requestStatus,
    to: nullable(z.string()),
    sender: z.object({ type: z.enum(['member', 'token']), label: z.string() }),
    source: z.enum(['api', 'portal', 'test']),
    idempotencyKey: nullable(z.string()),
    providerMessageId: nullable(z.string()),
    error: requestError,
    attempts: z.int(),
    nextAttemptAt: nullable(iso),
    createdAt: iso,
    sentAt: nullable(iso),
    deliveredAt: nullable(iso),
    readAt: nullable(iso),
    completedAt: nullable(iso),
    callDurationSeconds: nullable(z.int()),
    operation: nullable(
      z.object({
        action: z.string(),
        title: z.string(),
        objectStatus: nullable(z.string()),
        details: nullable(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Request', description: 'A send through the gateway, or an operation (a payment, a meeting…) with the provider’s object in `providerMessageId`. `to` is shown to admins and to the member who sent it; message bodies are never stored here.' });

export const attempt = z
  .object({
    attempt: z.int(),
    integration: z.string(),
    startedAt: iso,
    latencyMs: nullable(z.int()),
    httpStatus: nullable(z.int()),
    outcome: z.enum(['accepted', 'retry', 'dead', 'rejected']),
    code: nullable(z.string()),
    providerCode: nullable(z.string()),
    message: nullable(z.string()),
    retryAfterSeconds: nullable(z.int()),
  })
  .register(z.globalRegistry, { id: 'Attempt' });

export const responses = {
  accepted: z.object({ id: z.uuid(), status: z.literal('queued') }),
  bulkAccepted: z.object({ data: z.array(z.object({ id: z.uuid(), to: z.string(), status: z.literal('queued') })), count: z.int() }),
  smsStatus: z.object({
    success: z.literal(true),
    data: z.object({
      id: z.uuid(),
      channel: z.enum(requestChannels),
      status: requestStatus,
      providerMessageId: nullable(z.string()),
      error: requestError,
      createdAt: iso,
      sentAt: nullable(iso),
      completedAt: nullable(iso),
    }),
  }),
  requests: z.object({ data: z.array(requestSummary), nextCursor: nullable(z.string()) }),
  request: z.object({ data: z.object({ ...requestSummary.shape, attemptLog: z.array(attempt) }) }),
  health: z.object({ status: z.literal('ok') }),
  me: z.object({
    user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), isSuperadmin: z.boolean(), phone: nullable(z.string()) }),
    memberships: z.array(z.object({ orgId: z.uuid(), orgSlug: z.string(), orgName: z.string(), role })),
    activeOrgId: nullable(z.uuid()),
  }),
  auditPage: z.object({ data: z.array(auditEntry), nextCursor: nullable(z.string()) }),
  integrations: z.object({ integrations: z.array(integrationStatus), count: z.int() }),
  integration: z.object({ integration: integrationDetail }),
  saved: z.object({ integration: integrationDetail, test: nullable(testResult) }),
  tested: z.object({ success: z.boolean(), message: z.string(), result: testResult, integration: z.optional(integrationStatus) }),
  permissions: z.object({ members: z.array(memberPermission), count: z.int() }),
  permission: z.object({ member: memberPermission }),
  synced: z.object({ success: z.literal(true), data: syncSummary }),
  members: z.object({ data: z.array(member) }),
  invited: z.object({
    data: z.object({ invitation: z.object({ id: z.uuid(), email: z.string(), role, expiresAt: iso, url: z.url() }) }),
  }),
  memberChanged: z.object({ data: member }),
  memberRemoved: z.object({ data: z.object({ unassigned: z.int() }) }),
  numbers: z.object({ success: z.literal(true), data: z.array(phoneNumber), total: z.int() }),
  number: z.object({ success: z.literal(true), data: phoneNumber }),
  history: z.object({ success: z.literal(true), data: z.array(assignmentEvent) }),
  syncs: z.object({ success: z.literal(true), data: z.array(syncSummary) }),
  alerts: z.object({ platform: nullable(z.int()), tenant: nullable(z.object({ endpointName: z.string(), unhealthySince: nullable(iso) })) }),
  endpointNames: z.object({ endpoints: z.array(z.string()), count: z.int() }),
  endpointCheck: z.object({
    health: z.object({ status: health, previous: health, reason: nullable(z.string()), latency_ms: z.number(), checked_at: iso }),
  }),
  tenantConfig: z.object({ config: nullable(z.union([endpointAssignment, endpointSummary])) }),
  endpointAssigned: z.object({ config: endpointAssignment, change: z.enum(['assigned', 'changed', 'unchanged']) }),
  removed: z.object({ success: z.literal(true) }),
};
