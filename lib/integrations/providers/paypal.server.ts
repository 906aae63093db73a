import 'server-only';
import { defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asNumber, asString, objectBody } from './common.server';
import paypal from './paypal';
import { paypalBaseUrls, requestToken } from './paypal-common.server';
import { paypalWebhook } from './paypal.webhook.server';

// PayPal REST: the client-credentials token request is both the cheapest call and the proof that
// the app's client id and secret work. The access token it returns is dropped at once: it is never
// stored, logged or put in the result.

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
  baseUrls: paypalBaseUrls,
  webhook: paypalWebhook,
  async test(credentials, ctx) {
    const response = await requestToken(credentials, ctx);
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'PayPal') : paypalFailure(response, credentials.mode);
    if (typeof body.access_token !== 'string' || body.access_token === '') throw unexpected(response, 'PayPal');
    return passed(ctx, { mode: credentials.mode, app_id: asString(body.app_id), expires_in: asNumber(body.expires_in) });
  },
});
