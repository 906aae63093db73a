import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { createWebhookSchema, updateWebhookSchema } from '@/lib/validations/webhooks';
import { deliveryStatuses, RETRY_SCHEDULE_LABEL } from '@/lib/webhooks/outbound/events';
import { BOTH, idParam, type Operation } from '../operation';

// Outbound webhooks: where the organization's events are delivered, signed per Standard Webhooks.

const iso = z.iso.datetime({ offset: true });
const status = z.enum(deliveryStatuses);

const endpoint = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.nullable(z.enum(['manual', 'gone', 'failing'])),
    disabledAt: z.nullable(iso),
    secretHint: z.string(),
    previousSecretExpiresAt: z.nullable(iso),
    failureStreak: z.int(),
    createdAt: iso,
    lastDelivery: z.nullable(z.object({ status, httpStatus: z.nullable(z.int()), at: iso })),
  })
  .register(z.globalRegistry, { id: 'WebhookEndpoint', description: 'An endpoint; its secret is never answered again after creation or rotation, only a masked hint.' });

const delivery = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    status,
    attemptCount: z.int(),
    httpStatus: z.nullable(z.int()),
    latencyMs: z.nullable(z.int()),
    error: z.nullable(z.string()),
    createdAt: iso,
    lastAttemptAt: z.nullable(iso),
    nextAttemptAt: z.nullable(iso),
    redeliveryOf: z.nullable(z.uuid()),
    attempts: z.array(
      z.object({ attempt: z.int(), at: iso, httpStatus: z.nullable(z.int()), latencyMs: z.nullable(z.int()), ok: z.boolean(), error: z.nullable(z.string()) }),
    ),
  })
  .register(z.globalRegistry, { id: 'WebhookDelivery' });

const withSecret = z.object({ data: endpoint, secret: z.string().check(z.regex(/^whsec_/)) });
const queued = z.object({ data: z.object({ id: z.uuid() }) });
const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

const ADMINS = 'Admins, or an API token of an admin with the scope.';
const tag = 'Webhooks';

export const webhooks: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/settings/webhooks',
    id: 'listWebhookEndpoints',
    tag,
    summary: 'List webhook endpoints',
    description: `${ADMINS} Each with its last delivery.`,
    auth: BOTH,
    scope: 'settings:read',
    ok: { status: 200, description: 'The endpoints.', schema: z.object({ data: z.array(endpoint) }) },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/api/v1/settings/webhooks',
    id: 'createWebhookEndpoint',
    tag,
    summary: 'Register a webhook endpoint',
    description: `${ADMINS} Answers the signing secret (\`whsec_…\`) this once. Deliveries are POSTed with \`webhook-id\`, \`webhook-timestamp\` and \`webhook-signature\` headers (Standard Webhooks); a 2xx answer is success, 410 turns the endpoint off, and failures are retried after ${RETRY_SCHEDULE_LABEL}.`,
    auth: BOTH,
    scope: 'settings:write',
    body: createWebhookSchema,
    ok: { status: 201, description: 'The endpoint and its secret.', schema: withSecret },
    errors: [401, 403, 422],
  },
  {
    method: 'get',
    path: '/api/v1/settings/webhooks/{id}',
    id: 'getWebhookEndpoint',
    tag,
    summary: 'Read a webhook endpoint',
    description: ADMINS,
    auth: BOTH,
    scope: 'settings:read',
    params: idParam,
    ok: { status: 200, description: 'The endpoint.', schema: z.object({ data: endpoint }) },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'patch',
    path: '/api/v1/settings/webhooks/{id}',
    id: 'updateWebhookEndpoint',
    tag,
    summary: 'Change a webhook endpoint',
    description: `${ADMINS} Enabling it again clears its run of failures.`,
    auth: BOTH,
    scope: 'settings:write',
    params: idParam,
    body: updateWebhookSchema,
    ok: { status: 200, description: 'The endpoint as it is now.', schema: z.object({ data: endpoint }) },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'delete',
    path: '/api/v1/settings/webhooks/{id}',
    id: 'deleteWebhookEndpoint',
    tag,
    summary: 'Remove a webhook endpoint',
    description: `${ADMINS} Its delivery log goes with it.`,
    auth: BOTH,
    scope: 'settings:write',
    params: idParam,
    ok: { status: 204, description: 'Removed.' },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/webhooks/{id}/rotate-secret',
    id: 'rotateWebhookSecret',
    tag,
    summary: 'Rotate a webhook endpoint’s signing secret',
    description: `${ADMINS} Answers the new secret this once; the old one keeps signing beside it (a second \`v1,…\` in \`webhook-signature\`) for 24 hours.`,
    auth: BOTH,
    scope: 'settings:write',
    params: idParam,
    ok: { status: 200, description: 'The endpoint and its new secret.', schema: withSecret },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/webhooks/{id}/test',
    id: 'testWebhookEndpoint',
    tag,
    summary: 'Send a test event',
    description: `${ADMINS} Queues a \`webhook.test\` event to this endpoint alone.`,
    auth: BOTH,
    scope: 'settings:write',
    params: idParam,
    ok: { status: 202, description: 'The delivery, queued.', schema: queued },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'get',
    path: '/api/v1/settings/webhooks/{id}/deliveries',
    id: 'listWebhookDeliveries',
    tag,
    summary: 'Read an endpoint’s delivery log',
    description: `${ADMINS} The newest 100 deliveries, each with its attempts (status, latency, error; never the answer’s body).`,
    auth: BOTH,
    scope: 'settings:read',
    params: idParam,
    ok: { status: 200, description: 'The deliveries.', schema: z.object({ data: z.array(delivery) }) },
    errors: [401, 403, 404, 422],
  },
  {
    method: 'post',
    path: '/api/v1/settings/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    id: 'redeliverWebhook',
    tag,
    summary: 'Deliver an event again',
    description: `${ADMINS} A new delivery of the same event, with the same \`webhook-id\`.`,
    auth: BOTH,
    scope: 'settings:write',
    params: deliveryParams,
    ok: { status: 202, description: 'The new delivery, queued.', schema: queued },
    errors: [401, 403, 404, 409, 422],
  },
];
