import 'server-only';
import type { SendResult } from '@/lib/gateway/define';
import { basicAuth, ProbeFailure, rateLimited, unexpected, type ProbeContext, type ProbeResponse, type SyncedNumber } from '../define.server';
import { dead, providerError, rateLimitedSend, reason, refused, unreadable } from './send-results.server';

// What Exotel Phone and Exotel WhatsApp share on the server: Basic auth, one API host per region,
// and the ExoPhones list as the cheapest authenticated read.

export type ExotelAccount = { account_sid: string; api_key: string; api_token: string; region: 'sg' | 'in' };

const singapore = { env: 'EXOTEL_API_URL', url: 'https://api.exotel.com', simulatorPath: '/exotel/sg' };
const mumbai = { env: 'EXOTEL_IN_API_URL', url: 'https://api.in.exotel.com', simulatorPath: '/exotel/in' };
export const exotelBaseUrls = [singapore, mumbai];

export function exotelBase(ctx: Pick<ProbeContext, 'baseUrl'>, region: 'sg' | 'in'): string {
  return ctx.baseUrl(region === 'in' ? mumbai : singapore);
}

export const exotelAuthorization = (account: ExotelAccount) => basicAuth(account.api_key, account.api_token);

/**
 * What the gateway does with an Exotel refusal, read by its status: the HTTP status, the Status of a
 * RestException (which Exotel also sends inside a 200), or a WhatsApp message's own code. 400s are
 * about this request; 401 and 403 (inactive account, no balance, another account's SID) stop every
 * request of the integration until someone fixes the account.
 */
export function exotelSendFailure(
  response: ProbeResponse,
  refusal: { status: number; code?: string | number | null; message?: string | null },
  what: 'message' | 'call',
): SendResult {
  const { status, code } = refusal;
  const said = reason(refusal.message);
  if (status === 401) return dead('Exotel rejected the API key or token (check them and the region).', response, code);
  if (status === 403) return dead(`Exotel refused this account${said ? `: ${said}` : ''}. It may be inactive or out of balance.`, response, code);
  if (status === 429) return rateLimitedSend(response, 'Exotel', code);
  if (status >= 500) return providerError(response, 'Exotel', code);
  if (status >= 400 && status < 500 && said) return refused(`Exotel refused the ${what}: ${said}`, response, code);
  return unreadable(response, 'Exotel');
}

interface ExotelNumber {
  sid?: string;
  phone_number?: string;
  friendly_name?: string | null;
  number_type?: string | null;
  capabilities?: { voice?: boolean; sms?: boolean };
}
interface ExotelPage {
  incoming_phone_numbers?: ExotelNumber[];
  next_page_uri?: string | null;
}

/** Reads one page of ExoPhones; maps Exotel's failures to typed ones. */
async function numbersPage(account: ExotelAccount, ctx: ProbeContext, page: number, pageSize: number): Promise<ExotelPage> {
  const url = `${exotelBase(ctx, account.region)}/v2_beta/Accounts/${encodeURIComponent(account.account_sid)}/IncomingPhoneNumbers?Page=${page}&PageSize=${pageSize}`;
  const response = await ctx.request(url, { headers: { authorization: basicAuth(account.api_key, account.api_token) } });
  if (response.status === 200 && response.json && typeof response.json === 'object') return response.json as ExotelPage;
  if (response.status === 401) {
    throw new ProbeFailure('bad_credentials', 'Exotel rejected the API key or token.', 'Copy the key and token again from API Settings, and check the region.');
  }
  if (response.status === 403 || response.status === 404) {
    throw new ProbeFailure('not_found', 'This API key cannot read that Account SID.', 'Check the Account SID: it must be the account the key belongs to.');
  }
  if (response.status === 429) throw rateLimited(response, 'Exotel');
  throw unexpected(response, 'Exotel');
}

/** The connection test: the first page of ExoPhones, and whether `number` is one of them. */
export async function probeExotel(account: ExotelAccount, ctx: ProbeContext, number?: string) {
  const page = await numbersPage(account, ctx, 0, 50);
  const numbers = page.incoming_phone_numbers ?? [];
  const digits = (value: string) => value.replace(/\D/g, '').replace(/^0+/, '');
  const wanted = number ? digits(number) : null;
  const found = wanted ? numbers.some((n) => n.phone_number && digits(n.phone_number).endsWith(wanted.slice(-10))) : null;
  return { numbersOnFirstPage: numbers.length, numberFound: found };
}

/** Every ExoPhone on the account, page by page (bounded). */
export async function listExotelNumbers(account: ExotelAccount, ctx: ProbeContext): Promise<SyncedNumber[]> {
  const result: SyncedNumber[] = [];
  for (let page = 0; ; page++) {
    // A list cut short would make the rest look gone upstream: stop the sync instead.
    if (page >= 1000) throw new ProbeFailure('invalid_response', 'The provider lists more numbers than one sync reads.', 'Contact support: the sync stops rather than mark the rest as gone.');
    const body = await numbersPage(account, ctx, page, 100);
    for (const n of body.incoming_phone_numbers ?? []) {
      if (!n.sid || !n.phone_number) continue;
      result.push({
        externalId: n.sid,
        phoneNumber: n.phone_number,
        displayName: n.friendly_name ?? null,
        numberType: n.number_type ?? null,
        canCall: n.capabilities?.voice ?? true,
        canSms: n.capabilities?.sms ?? false,
      });
    }
    if (!body.next_page_uri) break;
  }
  return result;
}
