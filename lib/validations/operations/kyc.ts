import * as z from 'zod/mini';
import '../locale';
import { noNul } from '../common';

// The bodies and answers of the identity-check operations (CTOS eKYC): a check starts an onboarding
// the person completes on the provider's page (document, liveness, face match); reading it tells
// how far they got and the result. Names and document numbers go to the provider only.

export const documentTypes = ['mykad', 'passport'] as const;

export const createCheckInput = z.object({
  fullName: z
    .string('Enter the person’s full name.')
    .check(noNul(), z.trim(), z.minLength(1, 'Enter the person’s full name.'), z.maxLength(200, 'Keep the name under 200 characters.')),
  documentNumber: z
    .string('Enter the document number.')
    .check(noNul(), z.trim(), z.regex(/^[A-Za-z0-9-]{6,20}$/, 'A document number is 6 to 20 letters, digits or dashes, e.g. 900101-14-5678.')),
  documentType: z._default(z.enum(documentTypes, 'Choose mykad or passport.'), 'mykad'),
});
export type CreateCheckInput = z.infer<typeof createCheckInput>;

export const checkStatuses = ['pending', 'in_progress', 'completed', 'expired', 'failed'] as const;
export const checkResults = ['approved', 'rejected', 'manual_review'] as const;

export const createCheckOutput = z.object({
  checkId: z.string(),
  onboardingId: z.string(),
  /** Where the person completes the check (personal: hand it only to them). */
  onboardingUrl: z.string(),
  status: z.literal('pending'),
  expiresAt: z.nullable(z.string()),
});

export const getCheckInput = z.object({
  checkId: z.string('Give the check id.').check(z.regex(/^[\x21-\x7e]{1,255}$/, 'A check id is the id create_check returned.')),
});

const step = z.nullable(z.string());

export const getCheckOutput = z.object({
  checkId: z.string(),
  onboardingId: z.string(),
  status: z.enum(checkStatuses),
  result: z.nullable(z.string()),
  steps: z.object({ document: step, liveness: step, faceMatch: step }),
});
