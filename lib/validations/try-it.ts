import * as z from 'zod/mini';
import './locale';
import { noNul } from './common';

// The Try it forms on the integrations page: a quick check in the browser before anything is sent.
// The operation's own schema on the server has the last word; its field messages land on the same
// fields. Values stay strings here (as inputs give them) and are converted when the form is sent.

const text = (empty: string, max: number) =>
  z.string().check(noNul(), z.trim(), z.minLength(1, empty), z.maxLength(max, `Keep it under ${max.toLocaleString('en')} characters.`));

const amount = z.string().check(
  z.trim(),
  z.regex(/^\d{1,9}(\.\d{1,3})?$/, 'Enter an amount such as 10.00.'),
  z.refine((v) => Number(v) > 0, 'Enter an amount above zero.'),
);
const currency = z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{3}$/, 'Enter a three-letter currency code, such as USD or MYR.'));

/** A test payment (Stripe, PayPal). */
export const tryPaymentSchema = z.object({ amount, currency });

/** A datetime-local value: "2026-02-01T10:00". */
const moment = z.string().check(z.refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime()), 'Choose a date and time.'));

export const tryMeetingSchema = z.object({
  topic: text('Give the meeting a topic.', 200),
  startTime: moment,
  duration: z.string().check(z.trim(), z.regex(/^\d{1,4}$/, 'Enter the length in whole minutes.'), z.refine((v) => Number(v) >= 1 && Number(v) <= 1440, 'Between 1 and 1,440 minutes.')),
});

export const tryEventSchema = z
  .object({ summary: text('Give the event a title.', 300), startTime: moment, endTime: moment })
  .check(z.refine((v) => new Date(v.endTime) > new Date(v.startTime), { message: 'The end comes after the start.', path: ['endTime'] }));

export const trySigningSchema = z.object({
  templateId: z.string().check(z.trim(), z.regex(/^[1-9]\d{0,11}$/, 'Enter the template’s number, as DocuSeal shows it in the template’s address.')),
  email: z.string().check(noNul(), z.trim(), z.toLowerCase(), z.email('Enter the signer’s email address.'), z.maxLength(254)),
  name: z.string().check(noNul(), z.trim(), z.maxLength(200, 'Keep it under 200 characters.')),
});

export const tryIdentitySchema = z.object({
  fullName: text('Enter the full name as on the MyKad.', 200),
  documentNumber: z.string().check(
    z.trim(),
    z.refine((v) => /^\d{12}$/.test(v.replaceAll('-', '')), 'A MyKad number has 12 digits, such as 900101-14-5678.'),
  ),
});
