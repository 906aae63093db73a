import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Starts a CTOS eKYC identity check `{ fullName, documentNumber }`; the person finishes it at onboardingUrl. */
export const POST = operationRoute({ type: 'ctos', action: 'create_check' }, bodyOf);
