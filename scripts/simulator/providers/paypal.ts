// PayPal REST under /paypal/live and /paypal/sandbox: POST /v1/oauth2/token (Basic client id and
// secret, form grant_type=client_credentials).
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { basicCredentials, json, markerOf, parseForm, randomId, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';

const invalidClient = (res: ServerResponse) => json(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });

export function paypalRoutes(): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/paypal\/(live|sandbox)\/v1\/oauth2\/token$/,
      async handle({ req, res, body }) {
        const debugId = randomId(7);
        const auth = basicCredentials(req);
        if (!auth || !auth.user || !auth.pass) return invalidClient(res);
        const form = parseForm(await body());
        if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || form.grant_type === undefined) {
          return json(res, 400, { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' });
        }
        if (form.grant_type !== 'client_credentials') {
          return json(res, 400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${form.grant_type}` });
        }
        const marker = markerOf(auth.pass);
        if (marker === 'bad' || marker === 'expired') return invalidClient(res);
        if (marker === 'ratelimit') {
          return json(
            res,
            429,
            { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', debug_id: debugId },
            { 'paypal-debug-id': debugId, 'retry-after': String(RETRY_AFTER_SECONDS) },
          );
        }
        if (marker === 'slow' && !(await waitSlow(res))) return;
        json(
          res,
          200,
          {
            scope: 'https://uri.paypal.com/services/invoicing https://uri.paypal.com/services/payments/payment/authcapture openid https://uri.paypal.com/services/payments/refund',
            access_token: `A21AA${randomId(24)}`,
            token_type: 'Bearer',
            app_id: 'APP-80W284485P519543T',
            expires_in: 32400,
            nonce: `${new Date().toISOString().slice(0, 19)}Z${randomId(12)}`,
          },
          { 'paypal-debug-id': debugId },
        );
      },
    },
  ];
}

export default simulated('paypal', () => ({ routes: paypalRoutes() }));
