import * as z from 'zod/mini';
import '../locale';
import { noNul } from '../common';

// The bodies and answers of the signing operations (DocuSeal): a submission sends one template to
// its signers, each of whom gets a personal link. Field names are the portal's API (camelCase);
// the provider module translates them into DocuSeal's.

const text = (max: number, empty: string, long: string) => z.string().check(noNul(), z.trim(), z.minLength(1, empty), z.maxLength(max, long));

export const signerSchema = z.object({
  email: z.string().check(noNul(), z.trim(), z.toLowerCase(), z.email('Enter the signer’s email address.'), z.maxLength(254, 'An email address is shorter than this.')),
  name: z.optional(text(200, 'Leave the name out or enter one.', 'Keep the signer’s name under 200 characters.')),
  role: z.optional(text(100, 'Leave the role out or enter one.', 'Keep the role under 100 characters; it must match a signer’s role in the template.')),
  phone: z.optional(z.string().check(noNul(), z.trim(), z.regex(/^\+[1-9]\d{6,14}$/, 'Write the phone number in international form, e.g. +60123456789.'))),
});

export const MAX_SIGNERS = 20;

export const createSubmissionInput = z.object({
  templateId: z.number('Give the DocuSeal template’s id, a number.').check(z.int('A template id is a whole number.'), z.positive('A template id is a positive number.')),
  signers: z
    .array(signerSchema)
    .check(z.minLength(1, 'Add at least one signer.'), z.maxLength(MAX_SIGNERS, `A submission takes at most ${MAX_SIGNERS} signers.`)),
  /** DocuSeal emails each signer their link unless told not to (then the caller hands the links out). */
  sendEmail: z._default(z.boolean('sendEmail is true or false.'), true),
  order: z.optional(z.enum(['preserved', 'random'], 'Choose preserved (signers in turn) or random (all at once).')),
  message: z.optional(
    z.object({
      subject: text(200, 'Enter the email’s subject.', 'Keep the subject under 200 characters.'),
      body: text(5000, 'Enter the email’s body.', 'Keep the body under 5,000 characters.'),
    }),
  ),
  expireAt: z.optional(
    z.iso
      .datetime({ offset: true, message: 'Write the expiry as an ISO date and time, e.g. 2030-01-31T17:00:00Z.', abort: true })
      .check(z.refine((v) => Date.parse(v) > Date.now(), 'Choose an expiry in the future.')),
  ),
});
export type CreateSubmissionInput = z.infer<typeof createSubmissionInput>;

export const createSubmissionOutput = z.object({
  submissionId: z.string(),
  status: z.literal('pending'),
  signers: z.array(
    z.object({
      id: z.string(),
      role: z.nullable(z.string()),
      status: z.string(),
      /** The signer's personal signing link (secret: hand it only to that signer). */
      signUrl: z.nullable(z.string()),
    }),
  ),
});

export const submissionStatuses = ['pending', 'completed', 'declined', 'expired'] as const;

export const getSubmissionInput = z.object({
  submissionId: z.string('Give the submission id.').check(z.regex(/^\d{1,18}$/, 'A submission id is the number DocuSeal gave it, e.g. 1234.')),
});

export const getSubmissionOutput = z.object({
  submissionId: z.string(),
  status: z.enum(submissionStatuses),
  completedAt: z.nullable(z.string()),
  expireAt: z.nullable(z.string()),
  signers: z.array(z.object({ id: z.string(), role: z.nullable(z.string()), status: z.string(), completedAt: z.nullable(z.string()) })),
  /** The signed documents (download links), once there are any. */
  documents: z.array(z.object({ name: z.string(), url: z.string() })),
});
