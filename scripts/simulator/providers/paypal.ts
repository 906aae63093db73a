// PayPal REST under /paypal/live and /paypal/sandbox: POST /v1/oauth2/token (Basic client id and
// secret, form grant_type=client_credentials), and POST /v1/notifications/verify-webhook-signature
// (Bearer token), which answers SUCCESS exactly when transmission_sig is what ../webhooks/sign.ts
// signs for that transmission, webhook_id and event (the simulator's HMAC stands in for PayPal's RSA
// certificate), FAILURE otherwise. The orders and refunds of ./paypal-ops.ts take its tokens.
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { paypalSimulatorSignature } from '../webhooks/sign';
import { basicCredentials, json, markerOf, parseForm, parseJson, randomId, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';
import { paypalOperationRoutes } from './paypal-ops';

const invalidClient = (res: ServerResponse) => json(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });

const VERIFY_FIELDS = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id'] as const;

const verifyRoute: Route = {
  method: 'POST',
  pattern: /^\/paypal\/(live|sandbox)\/v1\/notifications\/verify-webhook-signature$/,
  async handle({ req, res, body }) {
    const debugId = randomId(7);
    if (!/^Bearer\s+\S+$/i.test(req.headers.authorization ?? '')) {
      return json(res, 401, { error: 'invalid_token', error_description: 'Authorization header does not have valid access token' }, { 'paypal-debug-id': debugId });
    }
    const input = parseJson(await body());
    const missing = input ? VERIFY_FIELDS.find((field) => typeof input[field] !== 'string' || input[field] === '') : 'body';
    if (!input || missing || !input.webhook_event || typeof input.webhook_event !== 'object') {
      return json(
        res,
        400,
        { name: 'VALIDATION_ERROR', message: 'Invalid request - see details', debug_id: debugId, details: [{ field: missing ?? 'webhook_event', issue: 'MISSING_REQUIRED_PARAMETER' }] },
        { 'paypal-debug-id': debugId },
      );
    }
    const expected = paypalSimulatorSignature({
      transmissionId: String(input.transmission_id),
      transmissionTime: String(input.transmission_time),
      webhookId: String(input.webhook_id),
      body: JSON.stringify(input.webhook_event),
    });
    json(res, 200, { verification_status: expected === input.transmission_sig ? 'SUCCESS' : 'FAILURE' }, { 'paypal-debug-id': debugId });
  },
};

/** `issued` hears of each access token handed out, so the order APIs (./paypal-ops.ts) can check it. */
export function paypalRoutes(issued: (token: string, client: string, secret: string) => void = () => {}): Route[] {
  return [
    verifyRoute,
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
        const accessToken = `A21AA${randomId(24)}`;
        issued(accessToken, auth.user, auth.pass);
        json(
          res,
          200,
          {
            scope: 'https://uri.paypal.com/services/invoicing https://uri.paypal.com/services/payments/payment/authcapture openid https://uri.paypal.com/services/payments/refund',
            access_token: accessToken,
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

export default simulated('paypal', ({ callbacks }) => {
  const ops = paypalOperationRoutes(callbacks);
  return { routes: [...paypalRoutes(ops.issue), ...ops.routes], reset: ops.reset };
});
