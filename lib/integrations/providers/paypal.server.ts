import 'server-only';
import { basicAuth, defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asNumber, asString, formEncoded, objectBody } from './common.server';
import paypal from './paypal';

// PayPal REST: the client-credentials token request is both the cheapest call and the proof that
// the app's client id and secret work. The access token it returns is dropped at once: it is never
// stored, logged or put in the result.

const LIVE = { env: 'PAYPAL_API_URL', url: 'https://api-m.paypal.com', simulatorPath: '/paypal/live' };
const SANDBOX = { env: 'PAYPAL_SANDBOX_API_URL', url: 'https://api-m.sandbox.paypal.com', simulatorPath: '/paypal/sandbox' };

function paypalFailure(response: ProbeResponse, mode: 'sandbox' | 'live'): ProbeFailure {
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
    return new ProbeFailure('missing_scope', 'PayPal does not allow this app to request tokens.', 'Check the app’s features in Apps & Credentials, and that the account is allowed to use the REST API.');
  }
  if (response.status === 429) return rateLimited(response, 'PayPal');
  return unexpected(response, 'PayPal');
}

export default defineServerProvider(paypal, {
  baseUrls: [LIVE, SANDBOX],
  async test(credentials, ctx) {
    const base = credentials.mode === 'live' ? ctx.baseUrl(LIVE) : ctx.baseUrl(SANDBOX);
    const response = await ctx.request(`${base}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basicAuth(credentials.client_id, credentials.client_secret), ...formEncoded },
      body: 'grant_type=client_credentials',
    });
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'PayPal') : paypalFailure(response, credentials.mode);
    if (typeof body.access_token !== 'string' || body.access_token === '') throw unexpected(response, 'PayPal');
    return passed(ctx, { mode: credentials.mode, app_id: asString(body.app_id), expires_in: asNumber(body.expires_in) });
  },
});
