// PayPal REST: the client-credentials token request is both the cheapest call and the proof that
// the app's client id and secret work. The access token it returns is dropped at once: it is never
// stored, logged or put in the result.
import { z } from 'zod';
import { basicAuth, defineProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define';
import { asNumber, asString, formEncoded, objectBody, asciiSecret } from './common';

const PAYPAL_LIVE = 'https://api-m.paypal.com';
const PAYPAL_SANDBOX = 'https://api-m.sandbox.paypal.com';

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

export default defineProvider({
  id: 'paypal',
  name: 'PayPal',
  group: 'payments',
  description: 'PayPal checkout and payouts through a REST app’s client credentials.',
  docsUrl: 'https://developer.paypal.com/api/rest/authentication/',
  schema: z.object({
    client_id: asciiSecret('client id', 200),
    client_secret: asciiSecret('client secret', 200),
    mode: z.enum(['sandbox', 'live'], 'Choose Sandbox or Live.'),
  }),
  fields: {
    client_id: { label: 'Client id', help: 'Developer Dashboard → Apps & Credentials → your app.', env: 'PAYPAL_CLIENT_ID' },
    client_secret: { label: 'Client secret', secret: true, help: 'Shown under the client id; use Secret key 1 or 2.', env: 'PAYPAL_CLIENT_SECRET' },
    mode: {
      label: 'Environment',
      kind: 'select',
      options: [
        { value: 'sandbox', label: 'Sandbox' },
        { value: 'live', label: 'Live' },
      ],
      help: 'Sandbox and Live apps have different credentials.',
      env: 'PAYPAL_MODE',
    },
  },
  async test(credentials, ctx) {
    const base = credentials.mode === 'live' ? ctx.baseUrl('PAYPAL_API_URL', PAYPAL_LIVE) : ctx.baseUrl('PAYPAL_SANDBOX_API_URL', PAYPAL_SANDBOX);
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
