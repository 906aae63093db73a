import { declareOperations } from '@/lib/operations/define';
import { createCheckInput, createCheckOutput, getCheckInput, getCheckOutput } from '@/lib/validations/operations/kyc';

// What CTOS eKYC does for an organization: start an identity check the person completes on CTOS's
// page, and read its progress and result. The server half is ctos.operations.server.ts; its
// request shapes are a labelled best effort (CTOS publishes no API reference).

export const ctosOperations = declareOperations({
  create_check: {
    family: 'kyc',
    access: 'write',
    title: 'Start an identity check',
    description:
      'Starts a CTOS eKYC onboarding for one person (MyKad or passport) and returns the link where they scan their document and take a selfie. The result comes later: read it with get_check.',
    input: createCheckInput,
    output: createCheckOutput,
    // The call's idempotency key is the check's reference at CTOS: a repeat returns the same check.
    idempotent: true,
  },
  get_check: {
    family: 'kyc',
    access: 'read',
    title: 'Read an identity check',
    description: 'The check’s progress (pending, in_progress, completed, expired or failed), its result (approved, rejected or manual_review) and each step’s outcome.',
    input: getCheckInput,
    output: getCheckOutput,
    object: 'checkId',
    idempotent: true,
  },
});
