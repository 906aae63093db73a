import { paymentRoute } from '@/lib/operations/http';

/** Where a payment stands at its provider (Stripe or PayPal, whichever took it). */
export const GET = paymentRoute<{ paymentId: string }>('get_payment', 'read', async (_req, { paymentId }) => ({ paymentId }));
