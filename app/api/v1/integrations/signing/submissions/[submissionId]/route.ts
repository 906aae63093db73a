import { operationRoute } from '@/lib/operations/http';

/** Where a DocuSeal signing request stands. */
export const GET = operationRoute<{ submissionId: string }>({ type: 'docuseal', action: 'get_submission' }, (_req, { submissionId }) => ({ submissionId }));
