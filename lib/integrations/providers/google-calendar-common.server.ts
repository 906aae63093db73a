import 'server-only';
import { ProbeFailure, rateLimited, unexpected, type ProbeContext, type ProbeResponse } from '../define.server';
import { asRecord, asString, formEncoded, objectBody } from './common.server';

// What the Google Calendar connection test, its OAuth consent and the event operations share: the
// hosts, the token endpoint, and how Google's refusals of the saved authorization read.

export const GOOGLE_AUTHORIZE = { env: 'GOOGLE_OAUTH_AUTHORIZE_URL', url: 'https://accounts.google.com/o/oauth2/v2/auth', simulatorPath: '/google/oauth/auth' };
export const GOOGLE_TOKEN = { env: 'GOOGLE_OAUTH_TOKEN_URL', url: 'https://oauth2.googleapis.com/token', simulatorPath: '/google/token' };
export const GOOGLE_CALENDAR = { env: 'GOOGLE_CALENDAR_API_URL', url: 'https://www.googleapis.com/calendar/v3', simulatorPath: '/google/calendar' };

export type GoogleClient = { client_id: string; client_secret: string; refresh_token?: string };

export const notConnected = () => new ProbeFailure('token_expired', 'Not connected to a Google account yet.', 'Save the client, then choose Connect Google Calendar.');

export function tokenFailure(response: ProbeResponse, stage: 'exchange' | 'refresh'): ProbeFailure {
  const error = asString(objectBody(response)?.error);
  if (error === 'invalid_grant') {
    return stage === 'refresh'
      ? new ProbeFailure(
          'token_expired',
          'Google no longer accepts the saved authorization: it expired or was revoked.',
          'Choose Connect Google Calendar again. Apps still in Testing status lose their authorization after 7 days.',
        )
      : new ProbeFailure('token_expired', 'The Google sign-in code expired or was already used.', 'Choose Connect Google Calendar again.');
  }
  if (error === 'invalid_client' || error === 'unauthorized_client' || response.status === 401) {
    return new ProbeFailure(
      'bad_credentials',
      'Google rejected the OAuth client id or secret.',
      'Copy both from Google Cloud Console → APIs & Services → Credentials; the client must be a Web application.',
    );
  }
  if (error === 'redirect_uri_mismatch') {
    return new ProbeFailure('bad_credentials', 'Google refused the portal’s redirect URI for this client.', 'Add the portal’s callback URL to the client’s Authorized redirect URIs.');
  }
  if (response.status === 429) return rateLimited(response, 'Google');
  return unexpected(response, 'Google');
}

/** The `reason` of each entry of Google's `error.errors`. */
export function errorReasons(response: ProbeResponse): string[] {
  const error = asRecord(objectBody(response)?.error);
  return (Array.isArray(error?.errors) ? error.errors : []).map((e) => asString(asRecord(e)?.reason) ?? '');
}

export function calendarFailure(response: ProbeResponse): ProbeFailure {
  const error = asRecord(objectBody(response)?.error);
  const reasons = errorReasons(response);
  const status = asString(error?.status);
  const message = asString(error?.message) ?? '';
  if (response.status === 429 || reasons.some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded' || r === 'quotaExceeded')) {
    return rateLimited(response, 'Google Calendar');
  }
  if (response.status === 403) {
    if (reasons.includes('accessNotConfigured') || /has not been used in project|is disabled/i.test(message)) {
      return new ProbeFailure('missing_scope', 'The Google Calendar API is not enabled for this OAuth client’s project.', 'Enable the Google Calendar API in Google Cloud Console → APIs & Services, then test again.');
    }
    if (reasons.includes('insufficientPermissions') || status === 'PERMISSION_DENIED' || /insufficient authentication scopes/i.test(message)) {
      return new ProbeFailure(
        'missing_scope',
        'The Google account did not grant access to its calendars.',
        'Choose Connect Google Calendar again and tick the calendar permissions on Google’s consent screen.',
      );
    }
  }
  if (response.status === 401) {
    return new ProbeFailure('token_expired', 'Google did not accept the access it had just granted.', 'Choose Connect Google Calendar again.');
  }
  return unexpected(response, 'Google Calendar');
}

export async function postToken(ctx: Pick<ProbeContext, 'request' | 'baseUrl'>, form: Record<string, string>, stage: 'exchange' | 'refresh'): Promise<Record<string, unknown>> {
  const response = await ctx.request(ctx.baseUrl(GOOGLE_TOKEN), {
    method: 'POST',
    headers: formEncoded,
    body: new URLSearchParams(form).toString(),
  });
  const body = objectBody(response);
  if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Google') : tokenFailure(response, stage);
  return body;
}

/** Trades the saved refresh token for an access token (never stored). */
export async function refreshAccess(client: GoogleClient, ctx: Pick<ProbeContext, 'request' | 'baseUrl'>): Promise<{ token: string; expiresInSeconds: number; scope: string | null }> {
  if (!client.refresh_token) throw notConnected();
  const body = await postToken(
    ctx,
    { grant_type: 'refresh_token', refresh_token: client.refresh_token, client_id: client.client_id, client_secret: client.client_secret },
    'refresh',
  );
  const token = asString(body.access_token);
  if (!token) throw new ProbeFailure('invalid_response', 'Google answered without an access token.', 'Try again; if it persists, choose Connect Google Calendar again.');
  const expires = body.expires_in;
  return { token, expiresInSeconds: typeof expires === 'number' && Number.isFinite(expires) ? expires : 3599, scope: asString(body.scope) };
}
