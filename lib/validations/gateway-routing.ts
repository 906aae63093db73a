import * as z from 'zod/mini';
import './locale';
import { integrationTypeSchema, noNul } from './common';

// What an admin sends from the portal to run the gateway: the integration (and fallback) chosen per
// channel, a test message through one integration, and giving up on held requests. Shared by the
// forms and their server actions; which integrations can send a channel is checked by the service.

export const channelNames = ['whatsapp', 'sms', 'email', 'call'] as const;
export type ChannelName = (typeof channelNames)[number];

const chosen = (message: string) => z.nullable(integrationTypeSchema(message));

export const routeSchema = z
  .object({
    channel: z.enum(channelNames, 'Choose WhatsApp, SMS, email or calls.'),
    /** null: automatic, the only (or first) connected integration that can send the channel. */
    primary: chosen('Choose an integration from the list.'),
    fallback: chosen('Choose an integration from the list.'),
    /** The route's version when the form was opened; 0 when it was automatic. */
    expected_version: z.optional(z.number().check(z.int(), z.gte(0))),
  })
  .check(
    z.refine((v) => v.fallback === null || v.primary !== null, { message: 'Choose the first integration before a fallback.', path: ['fallback'] }),
    z.refine((v) => v.fallback === null || v.fallback !== v.primary, { message: 'The fallback must be another integration than the first.', path: ['fallback'] }),
  );
export type RouteFormInput = z.infer<typeof routeSchema>;

export const discardHeldSchema = z.object({ type: integrationTypeSchema() });

/** What one-time-password texts say when an organization has not written its own. */
export const DEFAULT_OTP_TEXT = 'Your verification code is {code}. It expires in 10 minutes; never share it.';

/** An organization's OTP text: its own words, with {code} once where the code goes. */
export const otpTextSchema = z.object({
  otp_text: z.string().check(
    noNul(),
    z.trim(),
    z.minLength(10, 'Write at least a short sentence around the code.'),
    z.maxLength(300, 'Keep it under 300 characters: longer texts cost several SMS each.'),
    z.refine((v) => v.split('{code}').length === 2, 'Write {code} exactly once, where the code goes.'),
  ),
  /** The saved text's version when the form was opened; 0 when it was the default. */
  expected_version: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type OtpTextInput = z.infer<typeof otpTextSchema>;

const phone = z.string().check(noNul(), z.trim(), z.minLength(1, 'Enter a phone number.'), z.maxLength(40, 'A phone number is shorter than this.'));
const words = (max: number, empty: string) => z.string().check(noNul(), z.trim(), z.minLength(1, empty), z.maxLength(max, `Keep it under ${max.toLocaleString('en')} characters.`));
const type = integrationTypeSchema();

export const TEST_SUBJECT = 'Test from Switchboard';
export const TEST_TEXT = 'This is a test message from Switchboard.';

/** Splits "a, b, c" into template variables; an empty field is no variables. */
export const splitVariables = (value: string): string[] =>
  value.trim() === '' ? [] : value.split(',').map((v) => v.trim());

/** One test message, by what the admin chose to send (a WhatsApp text or a template, an email…). */
export const testSendSchema = z.discriminatedUnion('kind', [
  z.object({
    type,
    kind: z.literal('email'),
    to: z.string().check(noNul(), z.trim(), z.toLowerCase(), z.email('Enter an email address.'), z.maxLength(254)),
    subject: words(998, 'Enter a subject.'),
  }),
  z.object({ type, kind: z.literal('sms'), to: phone, text: words(1600, 'Enter the message.') }),
  z.object({ type, kind: z.literal('whatsapp_text'), to: phone, text: words(4096, 'Enter the message.') }),
  z.object({
    type,
    kind: z.literal('whatsapp_template'),
    to: phone,
    template: z.string().check(noNul(), z.trim(), z.regex(/^[a-z0-9_]{1,512}$/, 'A template name has lower-case letters, digits and underscores.')),
    language: z.string().check(noNul(), z.trim(), z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Give the language as WhatsApp names it, e.g. en or en_US.')),
    /** Comma-separated, in the template's order ({{1}}, {{2}}…). */
    variables: z.string().check(
      noNul(),
      z.maxLength(20_000),
      z.refine((v) => splitVariables(v).every((part) => part !== ''), 'Remove the empty variable between two commas.'),
      z.refine((v) => splitVariables(v).length <= 20, 'A template takes at most 20 variables.'),
    ),
  }),
  z.object({ type, kind: z.literal('call'), to: phone }),
]);
export type TestSendInput = z.infer<typeof testSendSchema>;
export type TestKind = TestSendInput['kind'];

