import { z } from 'zod';
import { defineProvider, passed, ProbeFailure, rateLimited, requiredText, unexpected, type ProbeResponse } from '../define';
import { asRecord, asString, bearerHeaders, objectBody } from './common';

const STRIPE_DEFAULT = 'https://api.stripe.com';

const modeOf = (key: string): 'test' | 'live' => (/^(sk|rk)_live_/.test(key) ? 'live' : 'test');

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

export default defineProvider({
  id: 'stripe',
  name: 'Stripe',
  group: 'payments',
  description: 'Card and wallet payments through your Stripe account.',
  docsUrl: 'https://docs.stripe.com/keys',
  schema: z
    .object({
      secret_key: requiredText('secret key', 300).superRefine((value, ctx) => {
        if (/^pk_/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'That is a publishable key (pk_…). Enter the secret key (sk_…) or a restricted key (rk_…).' });
        } else if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_.' });
        }
      }),
      // Optional so a server configured only with STRIPE_SECRET_KEY works: the key's prefix decides.
      mode: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['test', 'live'], 'Choose Test or Live.').optional()),
    })
    .superRefine((value, ctx) => {
      if (value.mode && modeOf(value.secret_key) !== value.mode) {
        ctx.addIssue({
          code: 'custom',
          path: ['secret_key'],
          message: value.mode === 'live' ? 'This is a test-mode key; Live needs a key starting sk_live_ or rk_live_.' : 'This is a live-mode key; Test needs a key starting sk_test_ or rk_test_.',
        });
      }
    }),
  fields: {
    secret_key: {
      label: 'Secret key',
      secret: true,
      placeholder: 'sk_live_… or rk_live_…',
      help: 'Developers → API keys. A restricted key (rk_…) needs Read access to Balance for the test.',
      env: 'STRIPE_SECRET_KEY',
    },
    mode: {
      label: 'Mode',
      kind: 'select',
      options: [
        { value: 'test', label: 'Test' },
        { value: 'live', label: 'Live' },
      ],
      placeholder: 'Decide from the key',
      help: 'Must match the key: sk_test_/rk_test_ keys are test mode. When left empty the key decides.',
      env: 'STRIPE_MODE',
    },
  },
  async test(credentials, ctx) {
    const base = ctx.baseUrl('STRIPE_API_URL', STRIPE_DEFAULT);
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
