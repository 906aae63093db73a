// SendGrid under /sendgrid (global) and /sendgrid-eu: GET /v3/scopes (Bearer); sending is in
// ./sendgrid-send.ts.
// Rate limiting is answered as SendGrid does: 429 with X-RateLimit-Reset (an epoch second, 7 s
// ahead) and no Retry-After, so the portal's conversion of that header is exercised.
import type { ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { json, markerOf, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';
import { sendgridSendRoutes } from './sendgrid-send';

const FULL_SCOPES = ['mail.send', 'mail.batch.read', 'templates.read', 'templates.versions.read', 'user.profile.read', 'suppression.read'];
const NO_SEND_SCOPES = ['templates.read', 'user.profile.read', 'stats.read'];

const errors = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  json(res, status, { errors: [{ field: null, message }] }, headers);

export function sendgridRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/sendgrid(-eu)?\/v3\/scopes$/,
      async handle({ req, res }) {
        const key = bearer(req);
        if (!key) return errors(res, 401, 'authorization required');
        const marker = markerOf(key);
        if (marker === 'bad' || marker === 'expired') return errors(res, 401, 'The provided authorization grant is invalid, expired, or revoked');
        if (marker === 'ratelimit') {
          return errors(res, 429, 'too many requests', {
            'x-ratelimit-limit': '600',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + RETRY_AFTER_SECONDS),
          });
        }
        if (marker === 'slow' && !(await waitSlow(res))) return;
        json(res, 200, { scopes: marker === 'noscope' ? NO_SEND_SCOPES : FULL_SCOPES }, { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '599' });
      },
    },
  ];
}

export default simulated('sendgrid', ({ sends, callbacks }) => ({ routes: [...sendgridSendRoutes(sends, callbacks), ...sendgridRoutes()] }));
