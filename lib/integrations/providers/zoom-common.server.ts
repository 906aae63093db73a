import 'server-only';
import { basicAuth, ProbeFailure, rateLimited, unexpected, type ProbeContext, type ProbeResponse } from '../define.server';
import { asNumber, asString, objectBody } from './common.server';

// What the Zoom connection test and the meeting operations share: the hosts, the account-credentials
// token, and how Zoom's refusals of the app's credentials read. The API host comes from ZOOM_API_URL
// when the server sets it (tests, the simulator); otherwise from the token reply's api_url
// (data-residency hosts such as api-eu.zoom.us), accepted only when it is an https host of Zoom's
// own; otherwise https://api.zoom.us.

export const ZOOM_OAUTH = { env: 'ZOOM_OAUTH_URL', url: 'https://zoom.us', simulatorPath: '/zoom/oauth' };
export const ZOOM_API = { env: 'ZOOM_API_URL', url: 'https://api.zoom.us', simulatorPath: '/zoom/api' };

export type ZoomApp = { account_id: string; client_id: string; client_secret: string };

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

export function tokenFailure(response: ProbeResponse): ProbeFailure {
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

/** What the app is asked to do, for the missing-scope hint. */
export interface ZoomNeed {
  action: string;
  scopes: string;
}
const READ_USERS: ZoomNeed = { action: 'read users', scopes: 'user:read:user:admin scope (user:read:admin on older apps)' };

export function apiFailure(response: ProbeResponse, need: ZoomNeed = READ_USERS): ProbeFailure {
  const code = asNumber(objectBody(response)?.code);
  if (code === 124) {
    return new ProbeFailure(
      'token_expired',
      'Zoom reported the access token it had just issued as expired or invalid.',
      'Check the server’s clock and that the app is activated, then test again.',
    );
  }
  if (code === 4700 || code === 4711) {
    return new ProbeFailure('missing_scope', `The Zoom app is not allowed to ${need.action}.`, `Add the ${need.scopes} in the app’s Scopes page, then test again.`);
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

/** A new account token (never stored) and the API host to use it on. */
export async function accountToken(app: ZoomApp, ctx: Pick<ProbeContext, 'request' | 'baseUrl'>): Promise<{ token: string; api: string; expiresInSeconds: number }> {
  const oauth = ctx.baseUrl(ZOOM_OAUTH);
  const response = await ctx.request(`${oauth}/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(app.account_id)}`, {
    method: 'POST',
    headers: { authorization: basicAuth(app.client_id, app.client_secret) },
  });
  const body = objectBody(response);
  if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Zoom') : tokenFailure(response);
  const token = asString(body.access_token);
  if (!token) throw unexpected(response, 'Zoom');
  const api = ctx.baseUrl(ZOOM_API, '') || zoomApiUrl(body.api_url) || ZOOM_API.url;
  return { token, api, expiresInSeconds: asNumber(body.expires_in) ?? 3600 };
}
