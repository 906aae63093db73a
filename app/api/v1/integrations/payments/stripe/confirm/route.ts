import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Confirms a Stripe payment intent with a payment method `{ paymentId, paymentMethod }`. */
export const POST = operationRoute({ type: 'stripe', action: 'confirm_intent' }, bodyOf);
