import * as z from 'zod/mini';
import { defineProvider, phoneText } from '../define';

/** An optional number; `whatsapp:+1…` as Twilio writes it is accepted too. */
const optionalPhone = (label: string) =>
  z.pipe(
    z.transform((v: unknown) => {
      if (typeof v !== 'string') return v;
      const bare = v.trim().replace(/^whatsapp:/i, '');
      return bare === '' ? undefined : bare;
    }),
    z.optional(phoneText(label)),
  );

export default defineProvider({
  id: 'twilio',
  name: 'Twilio',
  group: 'phone',
  description: 'Calls, SMS and WhatsApp messages through your Twilio account.',
  docsUrl: 'https://www.twilio.com/docs/usage/api',
  schema: z.object({
    account_sid: z.string().check(
      z.trim(),
      z.minLength(1, 'Enter the Account SID.'),
      z.superRefine((value, ctx) => {
        if (/^SK/i.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'That is an API key SID (SK…). Enter the Account SID, which starts with AC.' });
        } else if (!/^AC[0-9a-f]{32}$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'The Account SID is AC followed by 32 characters 0–9 and a–f.' });
        }
      }),
    ),
    auth_token: z.string().check(z.trim(), z.minLength(1, 'Enter the Auth Token.'), z.regex(/^[0-9a-f]{32}$/, 'The Auth Token is 32 characters 0–9 and a–f.')),
    sms_number: optionalPhone('SMS number'),
    whatsapp_number: optionalPhone('WhatsApp number'),
  }),
  fields: {
    account_sid: { label: 'Account SID', placeholder: 'AC…', help: 'Twilio Console home page → Account Info.', env: 'TWILIO_ACCOUNT_SID' },
    auth_token: {
      label: 'Auth Token',
      secret: true,
      help: 'Shown next to the Account SID. Not an API key secret: the account’s own token can read account details.',
      env: 'TWILIO_AUTH_TOKEN',
    },
    sms_number: { label: 'SMS / voice number (optional)', placeholder: '+14155550100', help: 'A Twilio number on this account, with the country code.', env: 'TWILIO_PHONE_NUMBER' },
    whatsapp_number: {
      label: 'WhatsApp sender (optional)',
      placeholder: '+14155238886',
      help: 'A number approved as a WhatsApp sender on this account.',
      env: 'TWILIO_WHATSAPP_NUMBER',
    },
  },
});
