import { callbackRoute } from '@/lib/webhooks/inbound/receive';

// Providers' callbacks, one URL per organization's integration. Public: each delivery is
// authenticated by its provider's signature on the raw body (lib/webhooks/inbound).

export const GET = callbackRoute.GET;
export const POST = callbackRoute.POST;
