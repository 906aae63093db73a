import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { callSchema, emailBulkSchema, emailSendSchema, requestFilterSchema, smsCodeSchema, smsSendSchema, whatsappSendSchema } from '@/lib/validations/gateway';
import { BOTH, idParam, type Operation } from '../operation';
import { responses } from '../responses';

// The gateway: sends through the organization's integrations, answered with 202 at once and carried
// out by the job runner. Every send takes an optional `Idempotency-Key` header.

const SENDS = `Answers 202 with the request's id at once; the job runner sends it, retrying what can be retried. Send an \`Idempotency-Key\` header (a UUID) to make a repeat answer the same instead of sending twice: the same key with another body is refused (422) for 24 hours.`;

const send = (path: string, id: string, summary: string, body: z.core.$ZodType, lead: string, scope: 'messages:send' | 'calls:create' = 'messages:send'): Operation => ({
  method: 'post',
  path,
  id,
  tag: 'Sending',
  summary,
  description: `${lead} ${SENDS}`,
  auth: BOTH,
  scope,
  body,
  ok: { status: 202, description: 'Accepted and queued.', schema: responses.accepted },
  errors: [401, 403, 409, 422],
});

export const gateway: Operation[] = [
  send('/api/v1/integrations/email/send', 'sendEmail', 'Send an email', emailSendSchema, 'Through the organization’s email integration (Resend, SendGrid or SMTP).'),
  {
    ...send('/api/v1/integrations/email/bulk', 'sendBulkEmail', 'Send an email to many', emailBulkSchema, 'One email to each of up to 1,000 recipients, one request each.'),
    ok: { status: 202, description: 'Every recipient’s request, queued.', schema: responses.bulkAccepted },
  },
  send('/api/v1/integrations/sms/send', 'sendSms', 'Send an SMS', smsSendSchema, 'Through the organization’s SMS integration (Twilio or Exotel). Numbers are international (+ and the country code).'),
  send('/api/v1/integrations/sms/otp', 'sendOtp', 'Send a one-time password', smsCodeSchema, 'The code is sent in the organization’s OTP text; it is never logged or shown.'),
  send('/api/v1/integrations/sms/verification-code', 'sendVerificationCode', 'Send a verification code', smsCodeSchema, 'The same message as an OTP.'),
  send('/api/v1/integrations/whatsapp/send', 'sendWhatsApp', 'Send a WhatsApp message', whatsappSendSchema, 'A text (inside the 24-hour window) or an approved template with its variables, through Meta’s Cloud API, Exotel or Twilio.'),
  send(
    '/api/v1/integrations/phone/call',
    'placeCall',
    'Place a click-to-call',
    callSchema,
    'Rings the member’s own phone (their profile’s number) first, then `to`, showing a number assigned to them as caller ID (Exotel or Twilio). `from_user_id` defaults to the signed-in member; API tokens must name one.',
    'calls:create',
  ),
  {
    method: 'get',
    path: '/api/v1/integrations/sms/{id}/status',
    id: 'smsStatus',
    tag: 'Sending',
    summary: 'Where a message is now',
    description: 'The status of any request of the organization (agents: their own), in the seed’s shape.',
    auth: BOTH,
    scope: 'requests:read',
    params: idParam,
    ok: { status: 200, description: 'The request’s status.', schema: responses.smsStatus },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/integrations/requests',
    id: 'listRequests',
    tag: 'Delivery log',
    summary: 'List sent messages and calls',
    description:
      'Every request of the organization, newest first, 50 at a time (agents: their own); pass `nextCursor` back as `cursor`. Recipients are shown to admins and to whoever sent; message bodies are never stored.',
    auth: BOTH,
    scope: 'requests:read',
    query: requestFilterSchema,
    ok: { status: 200, description: 'One page of requests.', schema: responses.requests },
    errors: [401, 403, 422],
  },
  {
    method: 'get',
    path: '/api/v1/integrations/requests/{id}',
    id: 'getRequest',
    tag: 'Delivery log',
    summary: 'One request with its attempts',
    description: 'Each attempt’s typed result, HTTP status, latency and Retry-After. Another organization’s id is not found.',
    auth: BOTH,
    scope: 'requests:read',
    params: idParam,
    ok: { status: 200, description: 'The request.', schema: responses.request },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/integrations/requests/export',
    id: 'exportRequests',
    tag: 'Delivery log',
    summary: 'Export the delivery log as CSV',
    description: 'Every request matching the filters, streamed as CSV.',
    auth: BOTH,
    scope: 'requests:read',
    query: requestFilterSchema,
    ok: { status: 200, description: 'A CSV file.', csv: true },
    errors: [401, 403, 422],
  },
];
