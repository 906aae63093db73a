import { z } from 'zod';
import {
  basicAuth,
  defineProvider,
  passed,
  phoneText,
  ProbeFailure,
  rateLimited,
  unexpected,
  type ProbeContext,
  type ProbeResponse,
  type SyncedNumber,
} from '../define';
import { asRecord, asString, objectBody } from './common';

const TWILIO_DEFAULT = 'https://api.twilio.com';
/** 100,000 numbers at 100 a page. */
const SYNC_MAX_PAGES = 1000;

/** An optional number; `whatsapp:+1…` as Twilio writes it is accepted too. */
const optionalPhone = (label: string) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const bare = v.trim().replace(/^whatsapp:/i, '');
    return bare === '' ? undefined : bare;
  }, phoneText(label).optional());

type Account = { account_sid: string; auth_token: string };

function twilioFailure(response: ProbeResponse): ProbeFailure {
  switch (response.status) {
    case 401:
      return new ProbeFailure(
        'bad_credentials',
        'Twilio rejected the Account SID or Auth Token.',
        'Copy both again from the Twilio Console home page; a token that was rotated stops working at once.',
      );
    case 404:
      return new ProbeFailure('not_found', 'Twilio has no account with that SID for these credentials.', 'Check the Account SID: it starts with AC and is shown on the Console home page.');
    case 403:
      return new ProbeFailure(
        'missing_scope',
        'These credentials are not allowed to read the account.',
        'Use the account’s Auth Token; API keys with the Standard role cannot read account details.',
      );
    case 429:
      return rateLimited(response, 'Twilio');
    default:
      return unexpected(response, 'Twilio');
  }
}

async function twilioGet(account: Account, ctx: ProbeContext, path: string): Promise<Record<string, unknown>> {
  const base = ctx.baseUrl('TWILIO_API_URL', TWILIO_DEFAULT);
  const response = await ctx.request(`${base}${path}`, { headers: { authorization: basicAuth(account.account_sid, account.auth_token) } });
  const body = objectBody(response);
  if (response.status === 200 && body) return body;
  throw response.status === 200 ? unexpected(response, 'Twilio') : twilioFailure(response);
}

export default defineProvider({
  id: 'twilio',
  name: 'Twilio',
  group: 'phone',
  description: 'Calls, SMS and WhatsApp messages through your Twilio account.',
  docsUrl: 'https://www.twilio.com/docs/usage/api',
  schema: z.object({
    account_sid: z
      .string()
      .trim()
      .min(1, 'Enter the Account SID.')
      .superRefine((value, ctx) => {
        if (/^SK/i.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'That is an API key SID (SK…). Enter the Account SID, which starts with AC.' });
        } else if (!/^AC[0-9a-f]{32}$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'The Account SID is AC followed by 32 characters 0–9 and a–f.' });
        }
      }),
    auth_token: z
      .string()
      .trim()
      .min(1, 'Enter the Auth Token.')
      .regex(/^[0-9a-f]{32}$/, 'The Auth Token is 32 characters 0–9 and a–f.'),
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
  async test(credentials, ctx) {
    const account = await twilioGet(credentials, ctx, `/2010-04-01/Accounts/${credentials.account_sid}.json`);
    const status = asString(account.status);
    // A suspended or closed account authenticates but cannot call or send. Reported as
    // bad_credentials: what the person must do is the same (reactivate it or use other
    // credentials), while invalid_response would wrongly point at the URL or an outage.
    if (status === 'suspended' || status === 'closed') {
      throw new ProbeFailure(
        'bad_credentials',
        `This Twilio account is ${status}.`,
        status === 'suspended' ? 'Reactivate it in the Twilio Console (check billing), or use another account.' : 'Closed accounts cannot be reopened; use another account.',
      );
    }
    return passed(ctx, { friendly_name: asString(account.friendly_name), type: asString(account.type), status });
  },
  async sync(credentials, ctx) {
    const prefix = `/2010-04-01/Accounts/${credentials.account_sid}/IncomingPhoneNumbers`;
    const numbers: SyncedNumber[] = [];
    let path: string | null = `${prefix}.json?PageSize=100`;
    for (let page = 0; page < SYNC_MAX_PAGES && path; page++) {
      const body = await twilioGet(credentials, ctx, path);
      for (const item of Array.isArray(body.incoming_phone_numbers) ? body.incoming_phone_numbers : []) {
        const n = asRecord(item);
        const sid = asString(n?.sid);
        const phone = asString(n?.phone_number);
        if (!sid || !phone) continue;
        const capabilities = asRecord(n?.capabilities);
        numbers.push({
          externalId: sid,
          phoneNumber: phone,
          displayName: asString(n?.friendly_name),
          numberType: null,
          canCall: capabilities?.voice === true,
          canSms: capabilities?.sms === true,
        });
      }
      // next_page_uri is relative to the API root; only follow it within this account's list.
      const next = asString(body.next_page_uri);
      path = next && next.startsWith(prefix) ? next : null;
      // A list cut short would make the rest look gone upstream: stop the sync instead.
      if (path && page === SYNC_MAX_PAGES - 1) throw new ProbeFailure('invalid_response', 'The provider lists more numbers than one sync reads.', 'Contact support: the sync stops rather than mark the rest as gone.');
    }
    return numbers;
  },
});
