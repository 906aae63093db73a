// Stripe under /stripe: GET /v1/balance (Bearer, or Basic with the key as user), and the payment
// intents and refunds of ./stripe-ops.ts under the same key conventions.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { basicCredentials, json, markerOf, randomId, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';
import { stripeOperationRoutes } from './stripe-ops';

const masked = (key: string) => `${key.slice(0, key.indexOf('_', 3) + 1)}****${key.slice(-4)}`;

export function stripeError(res: ServerResponse, status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) {
  json(res, status, { error }, { 'request-id': `req_${randomId(7)}`, ...headers });
}

function keyOf(req: IncomingMessage): string | null {
  return bearer(req) ?? basicCredentials(req)?.user ?? null;
}

/**
 * The key conventions every Stripe endpoint shares (index.ts): answers a refused key, a rate limit
 * or the slow wait itself and returns null, or returns the key when the request may go on.
 * `permission` is what a restricted noscope key lacks for this endpoint.
 */
export async function stripeKeyGate(req: IncomingMessage, res: ServerResponse, permission = 'rak_balance_read'): Promise<string | null> {
  const key = keyOf(req);
  if (!key) {
    stripeError(res, 401, {
      type: 'invalid_request_error',
      message: 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
    });
    return null;
  }
  const marker = markerOf(key);
  if (marker === 'bad' || !/^(sk|rk)_(test|live)_/.test(key)) {
    stripeError(res, 401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${masked(key)}` });
    return null;
  }
  if (marker === 'expired') {
    stripeError(res, 401, {
      type: 'invalid_request_error',
      code: 'api_key_expired',
      doc_url: 'https://stripe.com/docs/error-codes/api-key-expired',
      message: `Expired API Key provided: ${masked(key)}`,
    });
    return null;
  }
  if (marker === 'noscope') {
    stripeError(res, 403, {
      type: 'invalid_request_error',
      message: `The provided key '${masked(key)}' does not have the required permissions for this endpoint on account 'acct_1SimuLat0rAcct'. Having the '${permission}' permission would allow this request to continue.`,
    });
    return null;
  }
  if (marker === 'ratelimit') {
    stripeError(
      res,
      429,
      { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.', doc_url: 'https://stripe.com/docs/error-codes/rate-limit' },
      { 'stripe-should-retry': 'true', 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
    return null;
  }
  if (marker === 'slow' && !(await waitSlow(res))) return null;
  return key;
}

export function stripeRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/stripe\/v1\/balance$/,
      async handle({ req, res }) {
        const key = await stripeKeyGate(req, res);
        if (!key) return;
        const livemode = /^(sk|rk)_live_/.test(key);
        json(
          res,
          200,
          {
            object: 'balance',
            livemode,
            available: [
              { amount: 125_000, currency: 'usd', source_types: { card: 125_000 } },
              { amount: 40_000, currency: 'eur', source_types: { card: 40_000 } },
            ],
            connect_reserved: [{ amount: 0, currency: 'usd' }],
            pending: [{ amount: 2_500, currency: 'usd', source_types: { card: 2_500 } }],
          },
          { 'request-id': `req_${randomId(7)}` },
        );
      },
    },
  ];
}

export default simulated('stripe', ({ callbacks }) => {
  const ops = stripeOperationRoutes(callbacks);
  return { routes: [...stripeRoutes(), ...ops.routes], reset: ops.reset };
});
