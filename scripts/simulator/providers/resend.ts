// Resend under /resend: GET /domains (Bearer). The account's domains: example.com and acme.example
// (verified), pending.example (pending); any other domain is absent. Sending is in ./resend-send.ts.
import type { ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { json, markerOf, RETRY_AFTER_SECONDS, simulated, stableHex, waitSlow } from './common';
import { resendSendRoutes } from './resend-send';

export const DOMAINS = [
  { name: 'example.com', status: 'verified', region: 'us-east-1' },
  { name: 'acme.example', status: 'verified', region: 'eu-west-1' },
  { name: 'pending.example', status: 'pending', region: 'us-east-1' },
].map((d, i) => {
  const hex = stableHex(d.name, 32);
  return {
    id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    ...d,
    created_at: `2025-0${i + 1}-15 10:00:00.000000+00`,
    capabilities: { sending: 'enabled', receiving: 'disabled' },
  };
});

export function resendError(res: ServerResponse, statusCode: number, name: string, message: string, headers: Record<string, string> = {}) {
  json(res, statusCode, { statusCode, name, message }, headers);
}

/**
 * The key conventions; true when a reply was sent. A sending-only key (noscope) may send but not
 * read, as Resend's restricted keys.
 */
export async function keyGate(res: ServerResponse, key: string | null, use: 'send' | 'read'): Promise<boolean> {
  if (!key) {
    resendError(res, 401, 'missing_api_key', 'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY');
    return true;
  }
  const marker = markerOf(key);
  if (marker === 'bad' || marker === 'expired' || !key.startsWith('re_')) {
    resendError(res, 403, 'invalid_api_key', 'API key is invalid');
    return true;
  }
  if (marker === 'noscope' && use === 'read') {
    resendError(res, 401, 'restricted_api_key', 'This API key is restricted to only send emails');
    return true;
  }
  if (marker === 'ratelimit') {
    resendError(res, 429, 'rate_limit_exceeded', 'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information.', {
      'ratelimit-limit': '2',
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(RETRY_AFTER_SECONDS),
      'retry-after': String(RETRY_AFTER_SECONDS),
    });
    return true;
  }
  return marker === 'slow' && !(await waitSlow(res));
}

export function resendRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/resend\/domains$/,
      async handle({ req, res, url }) {
        if (await keyGate(res, bearer(req), 'read')) return;
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
        const after = url.searchParams.get('after');
        const start = after ? DOMAINS.findIndex((d) => d.id === after) + 1 : 0;
        const data = DOMAINS.slice(start, start + limit);
        json(res, 200, { object: 'list', has_more: start + limit < DOMAINS.length, data }, { 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '1' });
      },
    },
  ];
}

export default simulated('resend', ({ sends, callbacks }) => {
  const send = resendSendRoutes(sends, callbacks);
  return { routes: [...send.routes, ...resendRoutes()], reset: send.reset };
});
