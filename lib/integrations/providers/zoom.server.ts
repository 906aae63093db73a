import 'server-only';
import { basicAuth, defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asNumber, asString, bearerHeaders, objectBody } from './common.server';
import zoom from './zoom';
import { zoomWebhook } from './zoom.webhook.server';

// Zoom Server-to-Server OAuth: an account-credentials token (never stored), then GET /v2/users/me
// with it. The API host comes from ZOOM_API_URL when the server sets it (tests, the simulator);
// otherwise from the token reply's api_url (data-residency hosts such as api-eu.zoom.us), accepted
// only when it is an https host of Zoom's own; otherwise https://api.zoom.us.

const OAUTH = { env: 'ZOOM_OAUTH_URL', url: 'https://zoom.us', simulatorPath: '/zoom/oauth' };
const API = { env: 'ZOOM_API_URL', url: 'https://api.zoom.us', simulatorPath: '/zoom/api' };

/** The token reply's api_url, when it is an https Zoom host. */
function zoomApiUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    const zoomHost = /(^|\.)zoom\.us$/.test(url.hostname) || /(^|\.)zoomgov\.com$/.test(url.hostname);
    return url.protocol === 'https:' && zoomHost && !url.username && !url.password && url.port === '' ? url.origin : null;
  } catch {
    return null;
  }
}

function tokenFailure(response: ProbeResponse): ProbeFailure {
  const body = objectBody(response);
  const error = asString(body?.error);
  const reason = asString(body?.reason) ?? '';
  if (/account does not exist/i.test(reason)) {
    return new ProbeFailure('not_found', 'Zoom has no account with that account id.', 'Copy the Account ID from the app’s App Credentials page in the Zoom App Marketplace.');
  }
  if (error === 'invalid_client' || response.status === 401) {
    return new ProbeFailure(
      'bad_credentials',
      'Zoom rejected the client id or client secret.',
      'Copy both from the app’s App Credentials page, and check the Server-to-Server OAuth app is activated.',
    );
  }
  if (error === 'unsupported_grant_type' || error === 'invalid_request') {
    return new ProbeFailure(
      'bad_credentials',
      'Zoom would not issue an account token for these credentials.',
      'Use the credentials of a Server-to-Server OAuth app (not a general OAuth app), and check the account id.',
    );
  }
  if (response.status === 429) return rateLimited(response, 'Zoom');
  return unexpected(response, 'Zoom');
}

function apiFailure(response: ProbeResponse): ProbeFailure {
  const code = asNumber(objectBody(response)?.code);
  if (code === 124) {
    return new ProbeFailure(
      'token_expired',
      'Zoom reported the access token it had just issued as expired or invalid.',
      'Check the server’s clock and that the app is activated, then test again.',
    );
  }
  if (code === 4700 || code === 4711) {
    return new ProbeFailure(
      'missing_scope',
      'The Zoom app is not allowed to read users.',
      'Add the user:read:user:admin scope (user:read:admin on older apps) in the app’s Scopes page, then test again.',
    );
  }
  if (response.status === 429) return rateLimited(response, 'Zoom');
  if (response.status === 401) {
    return new ProbeFailure('bad_credentials', 'Zoom did not accept the app’s access token.', 'Check the app is activated and its credentials are current.');
  }
  if (response.status === 404) {
    return new ProbeFailure('not_found', 'Zoom found no user for this app’s account.', 'Check the account id belongs to the account the app was created in.');
  }
  return unexpected(response, 'Zoom');
}

export default defineServerProvider(zoom, {
  baseUrls: [OAUTH, API],
  webhook: zoomWebhook,
  async test(credentials, ctx) {
    const oauth = ctx.baseUrl(OAUTH);
    const tokenResponse = await ctx.request(`${oauth}/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(credentials.account_id)}`, {
      method: 'POST',
      headers: { authorization: basicAuth(credentials.client_id, credentials.client_secret) },
    });
    const token = objectBody(tokenResponse);
    if (tokenResponse.status !== 200 || !token) throw tokenResponse.status === 200 ? unexpected(tokenResponse, 'Zoom') : tokenFailure(tokenResponse);
    const accessToken = asString(token.access_token);
    if (!accessToken) throw unexpected(tokenResponse, 'Zoom');

    const api = ctx.baseUrl(API, '') || zoomApiUrl(token.api_url) || API.url;
    const response = await ctx.request(`${api}/v2/users/me`, { headers: bearerHeaders(accessToken) });
    const me = objectBody(response);
    if (response.status !== 200 || !me) throw response.status === 200 ? unexpected(response, 'Zoom') : apiFailure(response);
    return passed(ctx, {
      api_host: new URL(api).host,
      role_name: asString(me.role_name),
      user_type: asNumber(me.type),
      user_status: asString(me.status),
    });
  },
});
