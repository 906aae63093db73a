import 'server-only';
import { defineServerProvider, passed, unexpected } from '../define.server';
import { asRecord, asString, bearerHeaders, objectBody } from './common.server';
import stripe from './stripe';
import { STRIPE_API, stripeFailure } from './stripe-common.server';
import { stripeOperationRuns } from './stripe.operations.server';
import { stripeWebhook } from './stripe.webhook.server';

export default defineServerProvider(stripe, {
  baseUrls: [STRIPE_API],
  operations: stripeOperationRuns,
  webhook: stripeWebhook,
  async test(credentials, ctx) {
    const base = ctx.baseUrl(STRIPE_API);
    const response = await ctx.request(`${base}/v1/balance`, { headers: bearerHeaders(credentials.secret_key) });
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Stripe') : stripeFailure(response);
    if (body.object !== 'balance') throw unexpected(response, 'Stripe');
    const currencies = new Set<string>();
    for (const list of [body.available, body.pending]) {
      for (const entry of Array.isArray(list) ? list : []) {
        const currency = asString(asRecord(entry)?.currency);
        if (currency) currencies.add(currency.toUpperCase());
      }
    }
    return passed(ctx, {
      livemode: body.livemode === true,
      key_type: credentials.secret_key.startsWith('rk_') ? 'restricted' : 'secret',
      currencies: [...currencies].sort().join(', ') || null,
    });
  },
});
