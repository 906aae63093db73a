import { operationRoute } from '@/lib/operations/http';

/** The outcome of a CTOS eKYC identity check. */
export const GET = operationRoute<{ checkId: string }>({ type: 'ctos', action: 'get_check' }, (_req, { checkId }) => ({ checkId }));
