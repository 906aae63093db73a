import * as z from 'zod/mini';
import './locale';
import { integrationTypeSchema, noNul, optionalFilter } from './common';

// The bodies of the gateway's send endpoints, in the seed's own shapes (`{to, subject, html, text}`,
// `{phoneNumber, message}`, `{to, message}` or `{to, template, language, variables}`). Phone numbers
// are checked for their shape here and normalised to E.164 by the gateway, which words its own error.

const text = (max: number, empty: string) => z.string().check(noNul(), z.minLength(1, empty), z.maxLength(max, `Keep it under ${max.toLocaleString('en')} characters.`));
const phone = z.string().check(noNul(), z.trim(), z.minLength(1, 'Enter a phone number.'), z.maxLength(40, 'A phone number is shorter than this.'));
const email = z.string().check(noNul(), z.trim(), z.toLowerCase(), z.email('Enter an email address.'), z.maxLength(254));

export const emailSendSchema = z
  .object({
    to: email,
    subject: text(998, 'Enter a subject.'),
    html: z.optional(text(512_000, 'Leave html out or give it content.')),
    text: z.optional(text(512_000, 'Leave text out or give it content.')),
  })
  .check(
    z.refine((v) => v.html !== undefined || v.text !== undefined, { message: 'Give the email an html or a text body (or both).', path: ['text'] }),
  );
export type EmailSendInput = z.infer<typeof emailSendSchema>;

export const MAX_BULK_RECIPIENTS = 1000;
export const MAX_BULK_CHARACTERS = 20_000_000;
export const emailBulkSchema = z
  .object({
    to: z.array(email).check(z.minLength(1, 'Add at least one recipient.'), z.maxLength(MAX_BULK_RECIPIENTS, `Send to at most ${MAX_BULK_RECIPIENTS} recipients at a time.`)),
    subject: text(998, 'Enter a subject.'),
    html: z.optional(text(512_000, 'Leave html out or give it content.')),
    text: z.optional(text(512_000, 'Leave text out or give it content.')),
  })
  .check(
    z.refine((v) => v.html !== undefined || v.text !== undefined, { message: 'Give the email an html or a text body (or both).', path: ['text'] }),
    // Each recipient's request keeps its own sealed copy until it is sent.
    z.refine((v) => v.to.length * ((v.html?.length ?? 0) + (v.text?.length ?? 0)) <= MAX_BULK_CHARACTERS, {
      message: `This body is too large to send to this many recipients at once (at most ${MAX_BULK_CHARACTERS / 1_000_000} million characters in all): send to fewer at a time.`,
      path: ['to'],
    }),
  );
export type EmailBulkInput = z.infer<typeof emailBulkSchema>;

export const smsSendSchema = z.object({ phoneNumber: phone, message: text(1600, 'Enter the message.') });
export type SmsSendInput = z.infer<typeof smsSendSchema>;

export const smsCodeSchema = z.object({
  phoneNumber: phone,
  code: z.string().check(noNul(), z.regex(/^[0-9A-Za-z]{4,10}$/, 'A code is 4 to 10 letters or digits.')),
});
export type SmsCodeInput = z.infer<typeof smsCodeSchema>;

const templateName = z.string().check(noNul(), z.regex(/^[a-z0-9_]{1,512}$/, 'A template name has lower-case letters, digits and underscores.'));
const language = z.string().check(noNul(), z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Give the template’s language as WhatsApp names it, e.g. en or en_US.'));

/** `{ to, message }` inside the 24-hour window, or an approved template `{ to, template, language?, variables? }`. */
export const whatsappSendSchema = z
  .object({
    to: phone,
    message: z.optional(text(4096, 'Enter the message.')),
    template: z.optional(templateName),
    language: z._default(language, 'en'),
    variables: z._default(z.array(text(1024, 'A variable cannot be empty.')).check(z.maxLength(20, 'A template takes at most 20 variables.')), []),
  })
  .check(
    z.refine((v) => (v.message === undefined) !== (v.template === undefined), {
      message: 'Send either a message or a template (with its variables), not both.',
      path: ['message'],
    }),
  );
export type WhatsAppSendInput = z.infer<typeof whatsappSendSchema>;

export const callSchema = z.object({
  to: phone,
  /** The member whose phone rings first and whose assigned number shows; the caller by default. */
  from_user_id: z.optional(z.uuid('Choose a team member.')),
  record: z._default(z.boolean(), false),
});
export type CallInput = z.infer<typeof callSchema>;

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Messages and calls, and the families of operations, as the delivery log files them. */
export const requestChannels = ['whatsapp', 'sms', 'email', 'call', 'payments', 'meetings', 'calendar', 'signing', 'kyc'] as const;

export const requestStatuses = ['queued', 'sending', 'held', 'sent', 'delivered', 'read', 'completed', 'failed', 'canceled'] as const;
const isoDay = z.string().check(
  z.regex(/^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}$/, { message: 'Write the date as YYYY-MM-DD (from 1970).', abort: true }),
  z.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'This date does not exist.'),
);

/** Filters of the delivery log, as they arrive in the query string (an empty value is no filter). */
export const requestFilterSchema = z.object({
  channel: optionalFilter(z.enum(requestChannels, `Choose one of ${requestChannels.join(', ')}.`)),
  operation: optionalFilter(z.string().check(z.regex(/^[a-z][a-z_]{1,39}$/, 'Unknown operation.'))),
  status: optionalFilter(z.enum(requestStatuses, 'Unknown status.')),
  integration: optionalFilter(integrationTypeSchema('Unknown integration.')),
  sender: optionalFilter(z.uuid('Unknown team member.')),
  to: optionalFilter(z.string().check(noNul(), z.trim(), z.maxLength(320))),
  from: optionalFilter(isoDay),
  until: optionalFilter(isoDay),
  cursor: optionalFilter(z.string().check(z.regex(/^\d{1,18}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'This page link is not valid any more.'))),
});
export type RequestFilters = z.infer<typeof requestFilterSchema>;

/** "Call a number" from one of the caller's own numbers, on the phone numbers page. */
export const placeCallSchema = z.object({
  numberId: z.uuid('Unknown number.'),
  to: phone,
  record: z._default(z.boolean(), false),
});
export type PlaceCallInput = z.infer<typeof placeCallSchema>;
