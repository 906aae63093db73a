// Twilio REST (2010-04-01) under /twilio: the Account and its IncomingPhoneNumbers; Messages and
// Calls are in ./twilio-send.ts.
//
// Twilio's Auth Token and Account SID are hex only, so besides the usual words (which the portal's
// form would refuse) the simulator reads hex spellings in the Auth Token:
//   bad → 401 20003;  0403 → 403 20403;  0429 → 429 20429;  de1a7 ("delay") → slow
// and in the Account SID: AC999… → 404 20404;  c105ed → status "closed";  5ca1e ("scale") → 120 numbers.
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { basicCredentials, json, type Marker, markerOf, RETRY_AFTER_SECONDS, simulated, stableHex, waitSlow } from './common';
import { twilioSendRoutes } from './twilio-send';

export function twilioError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}) {
  json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

function hexMarker(token: string): Marker | null {
  const t = token.toLowerCase();
  if (t.includes('bad')) return 'bad';
  if (t.includes('0403')) return 'noscope';
  if (t.includes('0429')) return 'ratelimit';
  if (t.includes('de1a7')) return 'slow';
  return null;
}

/** The account's numbers: 2 (120 for a SID containing 5ca1e), the same every time for one SID. */
export function twilioNumbers(sid: string) {
  const count = sid.toLowerCase().includes('5ca1e') ? 120 : 2;
  return Array.from({ length: count }, (_, i) => ({
    sid: `PN${stableHex(`${sid}:pn:${i}`, 32)}`,
    account_sid: sid,
    friendly_name: `(415) 555-${String(100 + i).padStart(4, '0')}`,
    phone_number: `+1415555${String(100 + i).padStart(4, '0')}`,
    capabilities: { voice: true, sms: true, mms: i % 2 === 0, fax: false },
    status: 'in-use',
    voice_url: null,
    sms_url: null,
    date_created: 'Mon, 02 Jun 2025 10:00:00 +0000',
    uri: `/2010-04-01/Accounts/${sid}/IncomingPhoneNumbers/PN${stableHex(`${sid}:pn:${i}`, 32)}.json`,
  }));
}

/** Authentication and the value conventions; true when a reply was sent. */
export async function gate(res: ServerResponse, req: Parameters<Route['handle']>[0]['req'], sid: string, path: string): Promise<boolean> {
  const auth = basicCredentials(req);
  if (!auth) {
    twilioError(res, 401, 20003, 'Authentication Error - No credentials provided');
    return true;
  }
  if (auth.user.startsWith('AC') && auth.user !== sid) {
    twilioError(res, 401, 20003, 'Authenticate');
    return true;
  }
  const marker = markerOf(auth.pass) ?? hexMarker(auth.pass);
  if (marker === 'bad' || marker === 'expired') {
    twilioError(res, 401, 20003, 'Authenticate');
    return true;
  }
  if (marker === 'noscope') {
    twilioError(res, 403, 20403, 'Forbidden');
    return true;
  }
  if (marker === 'ratelimit') {
    twilioError(res, 429, 20429, 'Too Many Requests', { 'retry-after': String(RETRY_AFTER_SECONDS) });
    return true;
  }
  if (sid.startsWith('AC999') || sid.toLowerCase().includes('notfound')) {
    twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    return true;
  }
  if (marker === 'slow' && !(await waitSlow(res))) return true;
  return false;
}

export function twilioRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/twilio\/2010-04-01\/Accounts\/([^/]+)\.json$/,
      async handle({ req, res, params, url }) {
        const sid = decodeURIComponent(params[0]!);
        if (await gate(res, req, sid, url.pathname.replace(/^\/twilio/, ''))) return;
        const auth = basicCredentials(req)!;
        json(res, 200, {
          sid,
          owner_account_sid: sid,
          friendly_name: 'Acme Support',
          status: sid.toLowerCase().includes('c105ed') ? 'closed' : 'active',
          type: 'Full',
          // Twilio really returns the Auth Token here when it was used to authenticate.
          auth_token: auth.user === sid ? auth.pass : undefined,
          date_created: 'Mon, 02 Jun 2025 10:00:00 +0000',
          date_updated: 'Mon, 02 Jun 2025 10:00:00 +0000',
          uri: `/2010-04-01/Accounts/${sid}.json`,
          subresource_uris: { incoming_phone_numbers: `/2010-04-01/Accounts/${sid}/IncomingPhoneNumbers.json` },
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/twilio\/2010-04-01\/Accounts\/([^/]+)\/IncomingPhoneNumbers\.json$/,
      async handle({ req, res, params, url }) {
        const sid = decodeURIComponent(params[0]!);
        if (await gate(res, req, sid, url.pathname.replace(/^\/twilio/, ''))) return;
        const all = twilioNumbers(sid);
        const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get('PageSize') ?? 50) || 50));
        const page = Math.max(0, Number(url.searchParams.get('Page') ?? 0) || 0);
        const start = page * pageSize;
        const items = all.slice(start, start + pageSize);
        const base = `/2010-04-01/Accounts/${sid}/IncomingPhoneNumbers.json`;
        const pageUri = (n: number) => `${base}?PageSize=${pageSize}&Page=${n}${n > 0 ? `&PageToken=PA${stableHex(`${sid}:${n}`, 32)}` : ''}`;
        json(res, 200, {
          page,
          page_size: pageSize,
          start,
          end: start + Math.max(0, items.length - 1),
          uri: pageUri(page),
          first_page_uri: pageUri(0),
          next_page_uri: start + pageSize < all.length ? pageUri(page + 1) : null,
          previous_page_uri: page > 0 ? pageUri(page - 1) : null,
          incoming_phone_numbers: items,
        });
      },
    },
  ];
}

export default simulated('twilio', ({ sends, callbacks }) => {
  const send = twilioSendRoutes(sends, callbacks);
  return { routes: [...send.routes, ...twilioRoutes()], reset: send.reset };
});
