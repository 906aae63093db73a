import 'server-only';
import { defineServerProvider, passed, ProbeFailure, unexpected } from '../define.server';
import { asRecord, asString, bearerHeaders, objectBody } from './common.server';
import googleCalendar from './google-calendar';
import { calendarFailure, GOOGLE_AUTHORIZE, GOOGLE_CALENDAR, GOOGLE_TOKEN, postToken, refreshAccess } from './google-calendar-common.server';
import { googleCalendarEvents } from './google-calendar.operations.server';

// Each test trades the refresh token for a short-lived access token (never stored) and lists one
// calendar with it.

/** Read the calendars (the test) and manage events (booking meetings); nothing broader. */
export const googleCalendarScopes = ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'] as const;

const shortScope = (scope: string) => scope.replace('https://www.googleapis.com/auth/', '');

export default defineServerProvider(googleCalendar, {
  baseUrls: [GOOGLE_AUTHORIZE, GOOGLE_TOKEN, GOOGLE_CALENDAR],
  operations: googleCalendarEvents,
  oauth: {
    authorizeUrl(credentials, { redirectUri, state }, ctx) {
      const url = new URL(ctx.baseUrl(GOOGLE_AUTHORIZE));
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
    const { token: accessToken, scope: granted } = await refreshAccess(credentials, ctx);

    const calendar = ctx.baseUrl(GOOGLE_CALENDAR);
    const response = await ctx.request(`${calendar}/users/me/calendarList?maxResults=1`, { headers: bearerHeaders(accessToken) });
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Google Calendar') : calendarFailure(response);
    const first = asRecord(Array.isArray(body.items) ? body.items[0] : undefined);
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
