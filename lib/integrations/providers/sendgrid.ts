import * as z from 'zod/mini';
import { defineProvider, requiredText } from '../define';
import { emailAddress, selectWithDefault, webhookSecret } from './common';

export default defineProvider({
  id: 'sendgrid',
  name: 'SendGrid',
  group: 'email',
  description: 'Transactional email sent through the Twilio SendGrid v3 API.',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
  schema: z.object({
    api_key: requiredText('API key', 100).check(
      z.regex(/^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/, 'A SendGrid API key looks like SG.xxxx.yyyy (69 characters); copy the whole key.'),
    ),
    from_email: emailAddress('from address'),
    region: selectWithDefault(['global', 'eu'], 'global', 'Choose the region: Global, or EU for EU regional subusers.'),
    webhook_public_key: webhookSecret('verification key', /^MF[A-Za-z0-9+/]+={0,2}$/, 'Paste the verification key as SendGrid shows it (base64, starting MF…).', 1000),
  }),
  fields: {
    api_key: {
      label: 'API key',
      secret: true,
      placeholder: 'SG.…',
      help: 'Settings → API Keys. It needs Mail Send access; the test checks that without sending.',
      env: 'SENDGRID_API_KEY',
    },
    from_email: {
      label: 'From address',
      kind: 'email',
      placeholder: 'hello@yourdomain.com',
      help: 'A verified single sender, or an address on an authenticated domain.',
      env: 'SENDGRID_FROM_EMAIL',
    },
    region: {
      label: 'Region',
      kind: 'select',
      options: [
        { value: 'global', label: 'Global (api.sendgrid.com)' },
        { value: 'eu', label: 'EU (api.eu.sendgrid.com)' },
      ],
      help: 'EU only for subusers created in SendGrid’s EU region.',
    },
    webhook_public_key: {
      label: 'Event webhook verification key (for webhooks, optional)',
      secret: true,
      placeholder: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…',
      help: 'Settings → Mail Settings → Event Webhook → Signature verification: turn it on and copy the verification key. Without it the portal refuses SendGrid’s callbacks.',
      env: 'SENDGRID_WEBHOOK_PUBLIC_KEY',
    },
  },
});
