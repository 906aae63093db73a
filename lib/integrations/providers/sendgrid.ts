import * as z from 'zod/mini';
import { defineProvider, requiredText } from '../define';
import { emailAddress, selectWithDefault } from './common';

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
  },
});
