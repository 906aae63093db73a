import 'server-only';
import { basicAuth, ProbeFailure, rateLimited, unexpected, type ProbeContext, type ProbeResponse } from '../define.server';
import { asString, formEncoded, objectBody } from './common.server';

// What the PayPal connection test, the webhook check and the payment operations share: the API host
// of each environment, the client-credentials token request and what its refusals mean.

const LIVE = { env: 'PAYPAL_API_URL', url: 'https://api-m.paypal.com', simulatorPath: '/paypal/live' };
const SANDBOX = { env: 'PAYPAL_SANDBOX_API_URL', url: 'https://api-m.sandbox.paypal.com', simulatorPath: '/paypal/sandbox' };
export const paypalBaseUrls = [LIVE, SANDBOX];

export type PayPalApp = { client_id: string; client_secret: string; mode: 'sandbox' | 'live' };

export const paypalBase = (ctx: Pick<ProbeContext, 'baseUrl'>, mode: 'sandbox' | 'live') => ctx.baseUrl(mode === 'live' ? LIVE : SANDBOX);

/** Asks for an access token with the app's client id and secret; the caller reads the reply. */
export function requestToken(app: PayPalApp, ctx: Pick<ProbeContext, 'baseUrl' | 'request'>): Promise<ProbeResponse> {
  return ctx.request(`${paypalBase(ctx, app.mode)}/v1/oauth2/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(app.client_id, app.client_secret), ...formEncoded },
    body: 'grant_type=client_credentials',
  });
}

/**
 * The failure a refused app gives (thrown to end the test or operation): `refused` is what a 403
 * did not allow (requesting tokens for the test, taking payments for the operations).
 */
export function paypalFailure(response: ProbeResponse, mode: 'sandbox' | 'live', refused = 'request tokens'): ProbeFailure {
  const error = asString(objectBody(response)?.error);
  if (response.status === 401 || error === 'invalid_client') {
    return new ProbeFailure(
      'bad_credentials',
      'PayPal rejected the client id or secret.',
      mode === 'live'
        ? 'Copy both from the Live tab of Apps & Credentials. Wrong environment? Sandbox keys only work in Sandbox.'
        : 'Copy both from the Sandbox tab of Apps & Credentials. Wrong environment? Live keys only work in Live.',
    );
  }
  if (response.status === 403) {
    return new ProbeFailure('missing_scope', `PayPal does not allow this app to ${refused}.`, 'Check the app’s features in Apps & Credentials, and that the account is allowed to use the REST API.');
  }
  if (response.status === 429) return rateLimited(response, 'PayPal');
  return unexpected(response, 'PayPal');
}
