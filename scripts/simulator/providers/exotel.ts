// Exotel ExoPhones (v2_beta), both clusters: /exotel/sg (api.exotel.com) and /exotel/in
// (api.in.exotel.com). Basic auth: API key as user, API token as password. Calls, SMS and
// WhatsApp sending are in ./exotel-send.ts.
import type { Route } from '../http';
import { basicCredentials, isNotFoundId, json, markerOf, RETRY_AFTER_SECONDS, seedOf, simulated, stableHex, waitSlow } from './common';
import { exotelSendRoutes } from './exotel-send';

export const unauthorized = { RestException: { Status: 401, Message: 'Authentication failed. Check your API key and token.', Code: 'UNAUTHORIZED' } };

export function envelope(httpCode: number, code: number, message: string, description: string, method = 'GET') {
  return {
    request_id: stableHex(`${Date.now()}${Math.random()}`, 32),
    method,
    http_code: httpCode,
    response: { code: httpCode, status: 'failure', data: null, error_data: { code, message, description } },
  };
}

/**
 * The account's ExoPhones, the same every time for one SID: 3, or 120 when the SID contains "many",
 * or N when it contains "size<N>" (up to 100,000). The numbers depend on the SID without its size,
 * so "acme-size5" lists the first five of "acme-size3"'s three plus two more (numbers disappear or
 * appear upstream by changing the size).
 */
export function exotelNumbers(sid: string) {
  const sized = /size(\d{1,6})/i.exec(sid);
  const base = sid.replace(/size\d{1,6}/i, '');
  const seed = seedOf(base);
  const many = sid.toLowerCase().includes('many');
  const count = sized ? Math.min(100_000, Number(sized[1])) : many ? 120 : 3;
  const start = sized || many ? 2000 + (seed % 5000) : 9300 + (seed % 90);
  return Array.from({ length: count }, (_, i) => ({
    sid: stableHex(`${base}:exophone:${i}`, 32),
    friendly_name: i === 0 ? 'Main line' : `Line ${i + 1}`,
    // Delhi numbers, +91 11 4xxx xxxx.
    phone_number: `+91114${String(1_160_000 + start + i).padStart(7, '0')}`,
    number_type: 'Landline',
    capabilities: { voice: true, sms: i % 3 === 0 },
    country: 'IN',
    region: 'DL',
  }));
}

export function exotelRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/exotel\/(sg|in)\/v2_beta\/Accounts\/([^/]+)\/IncomingPhoneNumbers$/,
      async handle({ req, res, url, params }) {
        const sid = decodeURIComponent(params[1]!);
        const auth = basicCredentials(req);
        if (!auth || !auth.user || !auth.pass) return json(res, 401, unauthorized);
        const marker = markerOf(auth.pass);
        if (marker === 'bad' || marker === 'expired') return json(res, 401, unauthorized);
        if (marker === 'ratelimit') {
          return json(res, 429, envelope(429, 1008, 'Too many requests', 'API rate limit exceeded for this account.'), { 'retry-after': String(RETRY_AFTER_SECONDS) });
        }
        if (isNotFoundId(sid)) {
          return json(res, 403, envelope(403, 1003, 'Not permitted', 'You are not authorized to access this resource.'));
        }
        if (marker === 'slow' && !(await waitSlow(res))) return;

        const all = exotelNumbers(sid);
        const page = Math.max(0, Number(url.searchParams.get('Page') ?? 0) || 0);
        const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('PageSize') ?? 50) || 50));
        const path = `/v2_beta/Accounts/${encodeURIComponent(sid)}/IncomingPhoneNumbers`;
        const pageUri = (n: number) => `${path}?Page=${n}&PageSize=${pageSize}`;
        const last = Math.max(0, Math.ceil(all.length / pageSize) - 1);
        json(res, 200, {
          page,
          page_size: pageSize,
          uri: pageUri(page),
          first_page_uri: pageUri(0),
          next_page_uri: page < last ? pageUri(page + 1) : null,
          previous_page_uri: page > 0 ? pageUri(page - 1) : null,
          incoming_phone_numbers: all.slice(page * pageSize, (page + 1) * pageSize),
        });
      },
    },
  ];
}

export default simulated('exotel', ({ sends, callbacks }) => {
  const send = exotelSendRoutes(sends, callbacks);
  return { routes: [...send.routes, ...exotelRoutes()], reset: send.reset };
});
