import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Creates a Stripe payment intent `{ amount, currency, description?, metadata? }` (amount in major units). */
export const POST = operationRoute({ type: 'stripe', action: 'create_intent' }, bodyOf);
