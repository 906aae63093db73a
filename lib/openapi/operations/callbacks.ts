import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { integrationTypeSchema } from '@/lib/validations/common';
import type { Operation } from '../operation';

// Providers' callbacks: where Meta, Twilio, Stripe and the others report what happened after a
// request. Public addresses, each delivery authenticated by its provider's signature.

const params = z.object({ type: integrationTypeSchema(), id: z.string().check(z.regex(/^[A-Za-z0-9_-]{32,64}$/, 'Not a webhook id.')) });

const PER_PROVIDER =
  'Each integration has its own address, shown on its page in the portal (`/api/webhooks/<type>/<id>`, the id random and rotatable). Deliveries are verified on the raw body with the provider’s own scheme and tolerance (Meta `X-Hub-Signature-256`, Twilio `X-Twilio-Signature`, Stripe `Stripe-Signature`, Resend Svix headers, SendGrid ECDSA, DocuSeal `X-Docuseal-Signature`, Zoom `x-zm-signature`, PayPal’s verify-webhook-signature; Exotel signs nothing, so its address is the secret and its events are confirmed with Exotel before they change anything). Bodies over 256 KB are refused with 413.';

export const callbacks: Operation[] = [
  {
    method: 'post',
    path: '/api/webhooks/{type}/{id}',
    id: 'receiveProviderCallback',
    tag: 'Provider callbacks',
    summary: 'Receive a provider’s callback',
    description: `${PER_PROVIDER} A verified delivery answers 200 at once and is applied by the job runner; a repeat of one already received answers 200 with \`duplicate: true\` and changes nothing. Zoom’s \`endpoint.url_validation\` is answered with its \`plainToken\` and \`encryptedToken\`. A missing or wrong signature, or a timestamp outside the provider’s tolerance, answers 401 and changes nothing.`,
    auth: ['public'],
    params,
    ok: {
      status: 200,
      description: 'Received (or, for Zoom’s URL validation, the validation answer).',
      schema: z.union([
        z.object({ received: z.literal(true), duplicate: z.optional(z.literal(true)) }),
        z.object({ plainToken: z.string(), encryptedToken: z.string() }),
      ]),
    },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/webhooks/{type}/{id}',
    id: 'answerProviderSubscriptionCheck',
    tag: 'Provider callbacks',
    summary: 'Answer a subscription check',
    description: 'Meta checks a callback URL with `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`: the challenge is echoed as plain text when the verify token is the one saved on the integration, else 403.',
    auth: ['public'],
    params,
    query: z.object({ 'hub.mode': z.optional(z.string()), 'hub.verify_token': z.optional(z.string()), 'hub.challenge': z.optional(z.string()) }),
    ok: { status: 200, description: 'The challenge, echoed.', text: true },
    errors: [403, 404],
  },
];
