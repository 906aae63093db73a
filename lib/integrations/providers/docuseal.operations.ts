import { declareOperations } from '@/lib/operations/define';
import { createSubmissionInput, createSubmissionOutput, getSubmissionInput, getSubmissionOutput } from '@/lib/validations/operations/signing';

// What DocuSeal does for an organization: send a template for signature and follow the submission.
// The server half is docuseal.operations.server.ts.

export const docusealOperations = declareOperations({
  create_submission: {
    family: 'signing',
    access: 'write',
    title: 'Send a document for signature',
    description:
      'Creates a DocuSeal submission from a template for 1 to 20 signers and returns each signer’s personal signing link. Signing happens later: follow it with get_submission or the signing webhooks.',
    input: createSubmissionInput,
    output: createSubmissionOutput,
    // DocuSeal takes no idempotency key: a repeat would send the documents twice.
    idempotent: false,
  },
  get_submission: {
    family: 'signing',
    access: 'read',
    title: 'Read a submission',
    description: 'The submission’s status (pending, completed, declined or expired), each signer’s progress and, once signed, the documents.',
    input: getSubmissionInput,
    output: getSubmissionOutput,
    object: 'submissionId',
    idempotent: true,
  },
});
