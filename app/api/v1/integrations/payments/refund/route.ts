import { bodyOf, paymentRoute } from '@/lib/operations/http';

/** Refunds a payment `{ paymentId, amount? }` in full or in part, through the provider that took it. */
export const POST = paymentRoute('refund', 'write', bodyOf);
