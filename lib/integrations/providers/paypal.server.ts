import 'server-only';
import { defineServerProvider, passed, unexpected } from '../define.server';
import { asNumber, asString, objectBody } from './common.server';
import paypal from './paypal';
import { paypalBaseUrls, paypalFailure, requestToken } from './paypal-common.server';
import { paypalOperationRuns } from './paypal.operations.server';
import { paypalWebhook } from './paypal.webhook.server';

// PayPal REST: the client-credentials token request is both the cheapest call and the proof that
// the app's client id and secret work. The access token it returns is dropped at once: it is never
// stored, logged or put in the result.

export default defineServerProvider(paypal, {
  baseUrls: paypalBaseUrls,
  operations: paypalOperationRuns,
  webhook: paypalWebhook,
  async test(credentials, ctx) {
    const response = await requestToken(credentials, ctx);
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'PayPal') : paypalFailure(response, credentials.mode);
    if (typeof body.access_token !== 'string' || body.access_token === '') throw unexpected(response, 'PayPal');
    return passed(ctx, { mode: credentials.mode, app_id: asString(body.app_id), expires_in: asNumber(body.expires_in) });
  },
});
