import * as z from 'zod/mini';
import { blankAsUndefined, defineProvider, requiredText } from '../define';
import { webhookSecret } from './common';

const modeOf = (key: string): 'test' | 'live' => (/^(sk|rk)_live_/.test(key) ? 'live' : 'test');

export default defineProvider({
  id: 'stripe',
  name: 'Stripe',
  group: 'payments',
  description: 'Card and wallet payments through your Stripe account.',
  docsUrl: 'https://docs.stripe.com/keys',
  schema: z.object({
    secret_key: requiredText('secret key', 300).check(
      z.superRefine((value, ctx) => {
        if (/^pk_/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'That is a publishable key (pk_…). Enter the secret key (sk_…) or a restricted key (rk_…).' });
        } else if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_.' });
        }
      }),
    ),
    // Optional so a server configured only with STRIPE_SECRET_KEY works: the key's prefix decides.
    mode: z.pipe(z.transform(blankAsUndefined), z.optional(z.enum(['test', 'live'], 'Choose Test or Live.'))),
    webhook_secret: webhookSecret('webhook signing secret', /^whsec_[A-Za-z0-9]+$/, 'A Stripe signing secret starts with whsec_.'),
  }).check(
    z.superRefine((value: { secret_key: string; mode?: 'test' | 'live' }, ctx) => {
      if (value.mode && modeOf(value.secret_key) !== value.mode) {
        ctx.addIssue({
          code: 'custom',
          path: ['secret_key'],
          message: value.mode === 'live' ? 'This is a test-mode key; Live needs a key starting sk_live_ or rk_live_.' : 'This is a live-mode key; Test needs a key starting sk_test_ or rk_test_.',
        });
      }
    }),
  ),
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
    webhook_secret: {
      label: 'Webhook signing secret (for webhooks, optional)',
      secret: true,
      placeholder: 'whsec_…',
      help: 'Developers → Webhooks → your endpoint → Signing secret (Reveal). Stripe signs every callback with it; without it the portal refuses them.',
      env: 'STRIPE_WEBHOOK_SECRET',
    },
  },
});
