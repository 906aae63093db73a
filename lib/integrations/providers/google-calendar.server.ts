import 'server-only';
import { defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeContext, type ProbeResponse } from '../define.server';
import { asRecord, asString, bearerHeaders, formEncoded, objectBody } from './common.server';
import googleCalendar from './google-calendar';

// Each test trades the refresh token for a short-lived access token (never stored) and lists one
// calendar with it.

const AUTHORIZE = { env: 'GOOGLE_OAUTH_AUTHORIZE_URL', url: 'https://accounts.google.com/o/oauth2/v2/auth', simulatorPath: '/google/oauth/auth' };
const TOKEN = { env: 'GOOGLE_OAUTH_TOKEN_URL', url: 'https://oauth2.googleapis.com/token', simulatorPath: '/google/token' };
const CALENDAR = { env: 'GOOGLE_CALENDAR_API_URL', url: 'https://www.googleapis.com/calendar/v3', simulatorPath: '/google/calendar' };
/** Read the calendars (the test) and manage events (booking meetings); nothing broader. */
export const googleCalendarScopes = ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'] as const;

const notConnected = () => new ProbeFailure('token_expired', 'Not connected to a Google account yet.', 'Save the client, then choose Connect Google Calendar.');

function tokenFailure(response: ProbeResponse, stage: 'exchange' | 'refresh'): ProbeFailure {
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

function calendarFailure(response: ProbeResponse): ProbeFailure {
  const error = asRecord(objectBody(response)?.error);
  const reasons = (Array.isArray(error?.errors) ? error.errors : []).map((e) => asString(asRecord(e)?.reason));
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

async function postToken(ctx: ProbeContext, form: Record<string, string>, stage: 'exchange' | 'refresh'): Promise<Record<string, unknown>> {
  const response = await ctx.request(ctx.baseUrl(TOKEN), {
    method: 'POST',
    headers: formEncoded,
    body: new URLSearchParams(form).toString(),
  });
  const body = objectBody(response);
  if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Google') : tokenFailure(response, stage);
  return body;
}

const shortScope = (scope: string) => scope.replace('https://www.googleapis.com/auth/', '');

export default defineServerProvider(googleCalendar, {
  baseUrls: [AUTHORIZE, TOKEN, CALENDAR],
  oauth: {
    authorizeUrl(credentials, { redirectUri, state }, ctx) {
      const url = new URL(ctx.baseUrl(AUTHORIZE));
      url.search = new URLSearchParams({
        client_id: credentials.client_id ?? '',
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: googleCalendarScopes.join(' '),
        access_type: 'offline',
        prompt: 'consent',
        include_granted_scopes: 'true',
        state,
      }).toString();
      return url.toString();
    },
    async exchange(credentials, { code, redirectUri }, ctx) {
      if (!credentials.client_id || !credentials.client_secret) {
        throw new ProbeFailure('bad_credentials', 'The OAuth client is not saved yet.', 'Save the client id and secret, then choose Connect Google Calendar.');
      }
      const body = await postToken(
        ctx,
        { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: credentials.client_id, client_secret: credentials.client_secret },
        'exchange',
      );
      const refreshToken = asString(body.refresh_token);
      if (!refreshToken) {
        throw new ProbeFailure(
          'invalid_response',
          'Google did not issue a lasting authorization.',
          'Remove the app’s access at myaccount.google.com/permissions, then choose Connect Google Calendar again.',
        );
      }
      return { refresh_token: refreshToken };
    },
  },
  async test(credentials, ctx) {
    if (!credentials.refresh_token) throw notConnected();
    const token = await postToken(
      ctx,
      { grant_type: 'refresh_token', refresh_token: credentials.refresh_token, client_id: credentials.client_id, client_secret: credentials.client_secret },
      'refresh',
    );
    const accessToken = asString(token.access_token);
    if (!accessToken) throw new ProbeFailure('invalid_response', 'Google answered without an access token.', 'Try again; if it persists, choose Connect Google Calendar again.');

    const calendar = ctx.baseUrl(CALENDAR);
    const response = await ctx.request(`${calendar}/users/me/calendarList?maxResults=1`, { headers: bearerHeaders(accessToken) });
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Google Calendar') : calendarFailure(response);
    const first = asRecord(Array.isArray(body.items) ? body.items[0] : undefined);
    const granted = asString(token.scope);
    // Calendar ids and names are often people's addresses: only the time zone and access level.
    return passed(ctx, {
      has_calendars: first !== null,
      more_calendars: typeof body.nextPageToken === 'string',
      first_calendar_primary: first ? first.primary === true : null,
      first_calendar_time_zone: first ? asString(first.timeZone) : null,
      first_calendar_access: first ? asString(first.accessRole) : null,
      scopes: granted ? granted.split(/\s+/).filter(Boolean).map(shortScope).join(' ') : null,
    });
  },
});
