import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Captures an approved PayPal order `{ paymentId }` (the seed's "execute payment"; `orderId` is read too). */
export const POST = operationRoute({ type: 'paypal', action: 'capture_order' }, async (req) => {
  const body = await bodyOf(req);
  return body.paymentId === undefined && body.orderId !== undefined ? { paymentId: body.orderId } : body;
});
