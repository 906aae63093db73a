import 'server-only';
import { defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asRecord, asString, bearerHeaders, objectBody } from './common.server';
import stripe from './stripe';
import { stripeWebhook } from './stripe.webhook.server';

const API = { env: 'STRIPE_API_URL', url: 'https://api.stripe.com', simulatorPath: '/stripe' };

function stripeFailure(response: ProbeResponse): ProbeFailure {
  const code = asString(asRecord(objectBody(response)?.error)?.code);
  switch (response.status) {
    case 401:
      if (code === 'api_key_expired') {
        return new ProbeFailure('token_expired', 'This Stripe key has expired.', 'Roll or create a key in Developers → API keys and paste the new one.');
      }
      return new ProbeFailure('bad_credentials', 'Stripe did not accept this secret key.', 'Copy the key again from Developers → API keys; a rolled key stops working once its grace period ends.');
    case 403:
      return new ProbeFailure(
        'missing_scope',
        'This restricted key may not read the balance.',
        'Edit the restricted key in Developers → API keys and give it Read access to Balance, or use the secret key.',
      );
    case 429:
      return rateLimited(response, 'Stripe');
    default:
      return unexpected(response, 'Stripe');
  }
}

export default defineServerProvider(stripe, {
  baseUrls: [API],
  webhook: stripeWebhook,
  async test(credentials, ctx) {
    const base = ctx.baseUrl(API);
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
