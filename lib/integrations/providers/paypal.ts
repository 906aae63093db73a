import * as z from 'zod/mini';
import { defineProvider } from '../define';
import { asciiSecret, webhookSecret } from './common';

export default defineProvider({
  id: 'paypal',
  name: 'PayPal',
  group: 'payments',
  description: 'PayPal checkout and payouts through a REST app’s client credentials.',
  docsUrl: 'https://developer.paypal.com/api/rest/authentication/',
  schema: z.object({
    client_id: asciiSecret('client id', 200),
    client_secret: asciiSecret('client secret', 200),
    mode: z.enum(['sandbox', 'live'], 'Choose Sandbox or Live.'),
    webhook_id: webhookSecret('webhook id', /^[A-Za-z0-9-]{8,64}$/, 'The webhook id has only letters and digits, e.g. 8PT597110X687430LKGECATA.', 64),
  }),
  fields: {
    client_id: { label: 'Client id', help: 'Developer Dashboard → Apps & Credentials → your app.', env: 'PAYPAL_CLIENT_ID' },
    client_secret: { label: 'Client secret', secret: true, help: 'Shown under the client id; use Secret key 1 or 2.', env: 'PAYPAL_CLIENT_SECRET' },
    mode: {
      label: 'Environment',
      kind: 'select',
      options: [
        { value: 'sandbox', label: 'Sandbox' },
        { value: 'live', label: 'Live' },
      ],
      help: 'Sandbox and Live apps have different credentials.',
      env: 'PAYPAL_MODE',
    },
    webhook_id: {
      label: 'Webhook ID (for webhooks, optional)',
      secret: true,
      placeholder: '8PT597110X687430LKGECATA',
      help: 'Apps & Credentials → your app → Webhooks: the Webhook ID next to this URL. PayPal checks each callback’s signature against it; without it the portal refuses them.',
      env: 'PAYPAL_WEBHOOK_ID',
    },
  },
});
