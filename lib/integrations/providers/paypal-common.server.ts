import 'server-only';
import { basicAuth, type ProbeContext, type ProbeResponse } from '../define.server';
import { formEncoded } from './common.server';

// What the PayPal connection test and the webhook check share: the API host of each environment
// and the client-credentials token request.

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
