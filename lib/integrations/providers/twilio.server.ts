import 'server-only';
import {
  basicAuth,
  defineServerProvider,
  passed,
  ProbeFailure,
  rateLimited,
  unexpected,
  type ProbeContext,
  type ProbeResponse,
  type SyncedNumber,
} from '../define.server';
import { asRecord, asString, objectBody } from './common.server';
import twilio from './twilio';
import { twilioSender } from './twilio.send.server';
import { twilioWebhook } from './twilio.webhook.server';

const API = { env: 'TWILIO_API_URL', url: 'https://api.twilio.com', simulatorPath: '/twilio' };
/** 100,000 numbers at 100 a page. */
const SYNC_MAX_PAGES = 1000;

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
  const base = ctx.baseUrl(API);
  const response = await ctx.request(`${base}${path}`, { headers: { authorization: basicAuth(account.account_sid, account.auth_token) } });
  const body = objectBody(response);
  if (response.status === 200 && body) return body;
  throw response.status === 200 ? unexpected(response, 'Twilio') : twilioFailure(response);
}

export default defineServerProvider(twilio, {
  baseUrls: [API],
  webhook: twilioWebhook,
  send: twilioSender(API),
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
  sync: {
    async list(credentials, ctx) {
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
    // Twilio lists E.164 numbers; a national one would be American.
    defaultCountry: 'US',
    sets: { call: true, sms: true, whatsapp: false },
  },
});
