import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Sends a DocuSeal template for signature `{ templateId, signers }`; completion arrives by webhook. */
export const POST = operationRoute({ type: 'docuseal', action: 'create_submission' }, bodyOf);
