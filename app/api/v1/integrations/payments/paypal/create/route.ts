import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Creates a PayPal order `{ amount, currency, … }`; the buyer approves it at its approveUrl. */
export const POST = operationRoute({ type: 'paypal', action: 'create_order' }, bodyOf);
