import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { operationCatalog } from '@/lib/operations/catalog';
import type { OperationDeclaration } from '@/lib/operations/define';
import { BOTH, type Method, type Operation } from '../operation';

// Operations (payments, meetings, calendar events, signing, identity checks), generated from the
// providers' declarations: each at the seed's own path where it has one, and all of them at the
// generic `/api/v1/integrations/{type}/actions/{action}`.

const ERRORS = [401, 403, 404, 409, 422, 502];
const SYNC =
  'Made while the caller waits, within one deadline; retried only where the provider deduplicates. Answers the provider’s result with `requestId`, the request in the delivery log. Errors: 404 an object not made through this organization, 409 `integration_unavailable` (not set up, turned off or needing reconnecting), 422 `provider_rejected` (the provider refused this request: `fields` names the input at fault), 502 `provider_unavailable` (unreachable or rate limited: retry after `Retry-After` with the same `Idempotency-Key`; where the provider dedupes, nothing is done twice, and a Zoom or DocuSeal creation whose outcome is unknown says so and keeps that answer under the key). An `Idempotency-Key` header makes a repeat answer the same for 24 hours.';

const find = (type: string, action: string) => {
  const declaration = operationCatalog.find((c) => c.type === type)?.declarations[action];
  if (!declaration) throw new Error(`no declaration for ${type}.${action}`);
  return declaration;
};

const answer = (d: OperationDeclaration) => z.extend(d.output as z.ZodMiniObject, { requestId: z.uuid() });
const scopeOf = (d: OperationDeclaration) => `${d.family}:${d.access}` as const;
const tagOf: Record<OperationDeclaration['family'], string> = { payments: 'Payments', meetings: 'Meetings', calendar: 'Calendar', signing: 'Signing', kyc: 'Identity checks' };

interface SeedPath {
  method: Method;
  path: string;
  type: string;
  action: string;
  /** Other providers the path serves with the same action (the payment paths: Stripe or PayPal). */
  also?: string[];
  /** Path parameters, taken out of the input. */
  params?: string[];
  /** The input comes in the query string. */
  query?: boolean;
  summary?: string;
  description?: string;
}

/** The input without the fields the path carries (a schema with whole-object checks keeps them: the path's value wins). */
function withoutFields(input: z.ZodMiniObject, fields: string[]): z.ZodMiniObject {
  try {
    return z.omit(input, Object.fromEntries(fields.map((p) => [p, true])));
  } catch {
    return input;
  }
}

function seedOperation(seed: SeedPath): Operation {
  const d = find(seed.type, seed.action);
  const input = d.input as z.ZodMiniObject;
  const params = seed.params ? z.object(Object.fromEntries(seed.params.map((p) => [p, z.string()]))) : undefined;
  const rest = seed.params ? withoutFields(input, seed.params) : input;
  const inBody = seed.method !== 'get' && seed.method !== 'delete' && Object.keys(rest.shape).length > 0;
  const others = (seed.also ?? []).map((type) => find(type, seed.action));
  const body = others.length ? z.union([rest, ...others.map((o) => o.input)]) : rest;
  const schema = others.length ? z.union([answer(d), ...others.map(answer)]) : answer(d);
  return {
    method: seed.method,
    path: seed.path,
    id: `${seed.type}_${seed.action}`.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
    tag: tagOf[d.family],
    summary: seed.summary ?? d.title,
    description: `${seed.description ?? d.description} ${SYNC}`,
    auth: BOTH,
    scope: scopeOf(d),
    ...(params ? { params } : {}),
    ...(seed.query ? { query: input } : {}),
    ...(inBody ? { body } : {}),
    ok: { status: 200, description: 'The provider’s result.', schema },
    errors: ERRORS,
  };
}

const PAYMENT = 'Whichever provider took the payment (Stripe or PayPal), as the organization’s request log says; `paymentId` is the provider’s id.';

const seedPaths: SeedPath[] = [
  { method: 'post', path: '/api/v1/integrations/payments/stripe/intent', type: 'stripe', action: 'create_intent' },
  { method: 'post', path: '/api/v1/integrations/payments/stripe/confirm', type: 'stripe', action: 'confirm_intent' },
  { method: 'get', path: '/api/v1/integrations/payments/{paymentId}/status', type: 'stripe', action: 'get_payment', also: ['paypal'], params: ['paymentId'], summary: 'Where a payment stands', description: PAYMENT },
  { method: 'post', path: '/api/v1/integrations/payments/refund', type: 'stripe', action: 'refund', also: ['paypal'], summary: 'Refund a payment', description: `${PAYMENT} Without \`amount\`, refunds what is left.` },
  { method: 'post', path: '/api/v1/integrations/payments/paypal/create', type: 'paypal', action: 'create_order' },
  { method: 'post', path: '/api/v1/integrations/payments/paypal/execute', type: 'paypal', action: 'capture_order' },
  { method: 'post', path: '/api/v1/integrations/zoom/create', type: 'zoom', action: 'create_meeting' },
  { method: 'get', path: '/api/v1/integrations/zoom/{meetingId}', type: 'zoom', action: 'get_meeting', params: ['meetingId'] },
  { method: 'delete', path: '/api/v1/integrations/zoom/{meetingId}', type: 'zoom', action: 'delete_meeting', params: ['meetingId'] },
  { method: 'get', path: '/api/v1/integrations/zoom/{meetingId}/recordings', type: 'zoom', action: 'list_recordings', params: ['meetingId'] },
  { method: 'post', path: '/api/v1/integrations/calendar/google/event', type: 'google_calendar', action: 'create_event' },
  { method: 'get', path: '/api/v1/integrations/calendar/google/events', type: 'google_calendar', action: 'list_events', query: true },
  { method: 'put', path: '/api/v1/integrations/calendar/google/event/{eventId}', type: 'google_calendar', action: 'update_event', params: ['eventId'] },
  { method: 'delete', path: '/api/v1/integrations/calendar/google/event/{eventId}', type: 'google_calendar', action: 'delete_event', params: ['eventId'] },
  { method: 'post', path: '/api/v1/integrations/signing/submissions', type: 'docuseal', action: 'create_submission' },
  { method: 'get', path: '/api/v1/integrations/signing/submissions/{submissionId}', type: 'docuseal', action: 'get_submission', params: ['submissionId'] },
  { method: 'post', path: '/api/v1/integrations/kyc/checks', type: 'ctos', action: 'create_check' },
  { method: 'get', path: '/api/v1/integrations/kyc/checks/{checkId}', type: 'ctos', action: 'get_check', params: ['checkId'] },
];

function nonEmpty<T>(list: T[]): [T, ...T[]] {
  if (list.length === 0) throw new Error('no operations declared');
  return list as [T, ...T[]];
}

const all = operationCatalog.flatMap((c) => Object.entries(c.declarations).map(([action, d]) => ({ type: c.type, name: c.name, action, d })));

const generic: Operation = {
  method: 'post',
  path: '/api/v1/integrations/{type}/actions/{action}',
  id: 'runOperation',
  tag: 'Operations',
  summary: 'Any integration’s operation, by name',
  description: `The body is the operation’s input; the answer its output. The token needs the operation’s scope (\`<family>:read\` or \`:write\`). ${SYNC}\n\n${all
    .map((o) => `- \`${o.type}\` / \`${o.action}\` (${scopeOf(o.d)}): ${o.d.title}.`)
    .join('\n')}`,
  auth: BOTH,
  params: z.object({ type: z.enum(nonEmpty(operationCatalog.map((c) => c.type))), action: z.string() }),
  body: z.union(nonEmpty(all.map((o) => o.d.input))),
  ok: { status: 200, description: 'The provider’s result.', schema: z.union(nonEmpty(all.map((o) => answer(o.d)))) },
  errors: ERRORS,
};

export const operationEndpoints: Operation[] = [generic, ...seedPaths.map(seedOperation)];
