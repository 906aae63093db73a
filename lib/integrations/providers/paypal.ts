import * as z from 'zod/mini';
import { defineProvider } from '../define';
import { asciiSecret } from './common';

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
  },
});
