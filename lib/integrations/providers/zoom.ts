import * as z from 'zod/mini';
import { defineProvider, requiredText } from '../define';
import { asciiSecret, webhookSecret } from './common';

export default defineProvider({
  id: 'zoom',
  name: 'Zoom (server-to-server OAuth)',
  group: 'meetings',
  description: 'Zoom meetings created for your account through a Server-to-Server OAuth app.',
  docsUrl: 'https://developers.zoom.us/docs/internal-apps/s2s-oauth/',
  schema: z.object({
    account_id: requiredText('account id', 100).check(z.regex(/^[A-Za-z0-9_-]+$/, 'The account id has only letters, digits, - and _.')),
    client_id: asciiSecret('client id', 200),
    client_secret: asciiSecret('client secret', 200),
    webhook_secret_token: webhookSecret('secret token', /^[\x21-\x7E]+$/, 'The secret token cannot contain accented characters.', 200),
  }),
  fields: {
    account_id: {
      label: 'Account ID',
      help: 'Zoom App Marketplace → Manage → your Server-to-Server OAuth app → App Credentials.',
      env: 'ZOOM_ACCOUNT_ID',
    },
    client_id: { label: 'Client ID', env: 'ZOOM_CLIENT_ID' },
    client_secret: {
      label: 'Client secret',
      secret: true,
      help: 'The app needs the user:read:user:admin scope, and must be activated.',
      env: 'ZOOM_CLIENT_SECRET',
    },
    webhook_secret_token: {
      label: 'Secret token (for webhooks, optional)',
      secret: true,
      help: 'App Marketplace → your app → Features → Access → Secret Token. Zoom signs every event with it; without it the portal refuses them.',
      env: 'ZOOM_WEBHOOK_SECRET_TOKEN',
    },
  },
});
