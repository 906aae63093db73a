// CTOS eKYC under /ctos: POST /get-status.
//
// INVENTED SHAPE. CTOS publishes no API reference; this follows the portal's labelled best guess
// (third-party notes on the "CTOS eKYC Gateway API v2.8", unconfirmed; see
// lib/integrations/providers/ctos.server.ts) and exists only so the portal's best-effort test can
// run end to end. Do not treat these bodies as CTOS's.
//   - JSON body {api_key, package_name, ref_id, request_time, signature}; the signature must be
//     base64 of a 32-byte digest (the simulator never sees the security key, so it cannot check more);
//   - api_key containing bad/expired → 401 INVALID_SIGNATURE; ratelimit → 429; slow → waits;
//   - otherwise the reference is unknown → 404 {status:"error", code:"NOT_FOUND", message:"Transaction not found"}.
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { json, markerOf, parseJson, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';

const reply = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(res, status, { status: 'error', code, message }, headers);

export function ctosRoutes(): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/ctos\/get-status$/,
      async handle({ res, body }) {
        const input = parseJson(await body());
        const field = (name: string) => (typeof input?.[name] === 'string' ? (input[name] as string) : '');
        if (!input || !field('api_key') || !field('ref_id') || !field('request_time') || !field('signature')) {
          return reply(res, 400, 'INVALID_REQUEST', 'Missing required parameter');
        }
        const marker = markerOf(field('api_key'));
        const signatureOk = /^[A-Za-z0-9+/]{43}=$/.test(field('signature'));
        if (marker === 'bad' || marker === 'expired' || !signatureOk) return reply(res, 401, 'INVALID_SIGNATURE', 'Invalid API key or signature');
        if (marker === 'ratelimit') return reply(res, 429, 'RATE_LIMITED', 'Too many requests', { 'retry-after': String(RETRY_AFTER_SECONDS) });
        if (marker === 'slow' && !(await waitSlow(res))) return;
        reply(res, 404, 'NOT_FOUND', 'Transaction not found');
      },
    },
  ];
}

export default simulated('ctos', () => ({ routes: ctosRoutes() }));
