// Meta's WhatsApp Cloud API, set up by hand: a WhatsApp Business Account (WABA), one of its phone
// numbers, and a token (ideally a system user's) with whatsapp_business_management.
import * as z from 'zod/mini';
import { defineProvider, opaqueSecret } from '../define';
import { numericId, webhookSecret } from './common';

export default defineProvider({
  id: 'meta_whatsapp',
  name: 'Meta WhatsApp Cloud API (manual setup)',
  group: 'whatsapp',
  description: 'WhatsApp messages sent directly through Meta’s Cloud API with your own WhatsApp Business Account.',
  docsUrl: 'https://developers.facebook.com/docs/whatsapp/cloud-api/get-started',
  schema: z.object({
    waba_id: numericId('WhatsApp Business Account id'),
    phone_number_id: numericId('phone number id'),
    access_token: opaqueSecret('access token', 2000).check(z.minLength(20, 'This access token is too short; copy the whole token.')),
    app_secret: webhookSecret('app secret', /^[0-9a-f]{32}$/i, 'The app secret is 32 characters 0–9 and a–f.', 200),
    verify_token: webhookSecret('verify token', /^\S+$/, 'The verify token cannot contain spaces.', 200),
  }),
  fields: {
    waba_id: {
      label: 'WhatsApp Business Account id',
      placeholder: '102290129340398',
      help: 'WhatsApp Manager → Account tools → Phone numbers, or the App Dashboard → WhatsApp → API Setup.',
      env: 'WHATSAPP_BUSINESS_ACCOUNT_ID',
    },
    phone_number_id: {
      label: 'Phone number id',
      placeholder: '106540352242922',
      help: 'The numeric id Meta shows under the number in API Setup, not the phone number itself.',
      env: 'WHATSAPP_PHONE_NUMBER_ID',
    },
    access_token: {
      label: 'Access token',
      secret: true,
      help: 'Use a system-user token from Business Settings with whatsapp_business_management and whatsapp_business_messaging; the temporary token on API Setup expires after 24 hours. Tokens usually start with EAA.',
      env: 'WHATSAPP_API_TOKEN',
    },
    app_secret: {
      label: 'App secret (for webhooks, optional)',
      secret: true,
      help: 'App Dashboard → App settings → Basic → App secret. Meta signs every callback with it; without it the portal refuses them.',
      env: 'WHATSAPP_APP_SECRET',
    },
    verify_token: {
      label: 'Webhook verify token (optional)',
      secret: true,
      help: 'Any phrase you choose: type the same one in the App Dashboard when you add the callback URL.',
      env: 'WHATSAPP_WEBHOOK_VERIFY_TOKEN',
    },
  },
});
