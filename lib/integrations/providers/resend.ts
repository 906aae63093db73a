import * as z from 'zod/mini';
import { defineProvider, opaqueSecret } from '../define';
import { emailAddress, webhookSecret } from './common';

export default defineProvider({
  id: 'resend',
  name: 'Resend',
  group: 'email',
  description: 'Transactional email sent through the Resend API from your verified domain.',
  docsUrl: 'https://resend.com/docs/api-reference/introduction',
  schema: z.object({
    api_key: opaqueSecret('API key').check(z.regex(/^re_/, 'Resend API keys start with re_.')),
    from_email: emailAddress('from address'),
    webhook_secret: webhookSecret('webhook signing secret', /^whsec_[A-Za-z0-9+/]+={0,2}$/, 'A Resend signing secret starts with whsec_.'),
  }),
  fields: {
    api_key: {
      label: 'API key',
      secret: true,
      placeholder: 're_…',
      help: 'Resend → API Keys. A Full access key lets the test check the sender domain; a Sending access key cannot.',
      env: 'RESEND_API_KEY',
    },
    from_email: {
      label: 'From address',
      kind: 'email',
      placeholder: 'hello@yourdomain.com',
      help: 'Its domain must be verified in Resend → Domains.',
      env: 'RESEND_FROM_EMAIL',
    },
    webhook_secret: {
      label: 'Webhook signing secret (for webhooks, optional)',
      secret: true,
      placeholder: 'whsec_…',
      help: 'Resend → Webhooks → your endpoint → Signing secret. Resend signs every callback with it; without it the portal refuses them.',
      env: 'RESEND_WEBHOOK_SECRET',
    },
  },
});
