import 'server-only';
import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import type { ObjectDetails, OperationContext, OperationResult } from '@/lib/operations/define.server';
import { implementOperations } from '@/lib/operations/define.server';
import { retryAfterSeconds, type ProbeRequest, type ProbeResponse } from '../define.server';
import { asArray, asRecord, asString, bearerHeaders, objectBody } from './common.server';
import { reason } from './send-results.server';
import type googleCalendar from './google-calendar';
import { calendarFailure, errorReasons, GOOGLE_CALENDAR, notConnected, refreshAccess } from './google-calendar-common.server';
import { googleCalendarOperations } from './google-calendar.operations';

// Google Calendar's events API with an access token from the saved refresh token, cached per
// connection and refreshed once when Google stops accepting it. A new event's id is derived from
// the portal's request id, so a repeated create meets Google's 409 duplicate and reads the event
// instead of booking it twice. Attendee addresses go to Google only: never into details or messages.

type Credentials = z.output<typeof googleCalendar.schema>;
type Failure = Extract<OperationResult<unknown>, { ok: false }>;
type EventFields = { summary: string; description?: string; location?: string; startTime: string; endTime: string; timeZone?: string; attendees?: string[]; reminders?: { method: 'email' | 'popup'; minutes: number }[] };

/** Google's usage limits are daily: an exhausted quota is worth trying again only much later. */
const QUOTA_RETRY_SECONDS = 3600;

/** An event id Google accepts (a–v and 0–9, 5 to 1024 long), the same for every attempt of one request. */
function eventIdFor(requestId: string): string {
  const hex = requestId.replace(/-/g, '').toLowerCase();
  return /^[a-v0-9]{5,1024}$/.test(hex) ? hex : createHash('sha256').update(requestId).digest('hex').slice(0, 32);
}

const scopeMissing = (response: ProbeResponse) =>
  response.status === 403 &&
  (errorReasons(response).some((r) => r === 'insufficientPermissions' || r === 'accessNotConfigured') ||
    /insufficient authentication scopes|has not been used in project|is disabled/i.test(asString(asRecord(objectBody(response)?.error)?.message) ?? ''));

/** One API call with the cached access token, refreshed once on a 401. Credential failures are thrown. */
async function call(credentials: Credentials, ctx: OperationContext, path: string, init: ProbeRequest = {}): Promise<ProbeResponse> {
  if (!credentials.refresh_token) throw notConnected();
  const key = `google:${credentials.client_id}:${credentials.refresh_token}`;
  const attempt = async (fresh: boolean) => {
    const token = await ctx.token(key, () => refreshAccess(credentials, ctx), { fresh });
    const headers = { ...bearerHeaders(token), ...(init.body ? { 'content-type': 'application/json' } : {}) };
    return ctx.request(`${ctx.baseUrl(GOOGLE_CALENDAR)}${path}`, { ...init, headers });
  };
  let response = await attempt(false);
  if (response.status === 401) response = await attempt(true);
  if (response.status === 401 || scopeMissing(response)) throw calendarFailure(response);
  return response;
}

/** What a refusal of this request means for the caller; `rangeField` names the input a timeRangeEmpty is about. */
function refusal(response: ProbeResponse, subject: string, rangeField: string): Failure {
  const reasons = errorReasons(response);
  const base = { httpStatus: response.status, ...(reasons[0] ? { providerCode: reasons[0] } : {}) };
  if (response.status === 403 && reasons.includes('quotaExceeded')) {
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'Google Calendar’s usage quota for this project is used up for now.', retryAfterSeconds: QUOTA_RETRY_SECONDS, ...base };
  }
  if (response.status === 429 || (response.status === 403 && reasons.some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded'))) {
    const after = retryAfterSeconds(response);
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'Google Calendar is rate limiting this account.', ...base, ...(after === undefined ? {} : { retryAfterSeconds: after }) };
  }
  if (response.status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', message: `Google Calendar had an internal error (HTTP ${response.status}).`, ...base };
  if (response.status === 404 || response.status === 410) {
    return { ok: false, kind: 'rejected', code: 'not_found', notFound: true, message: 'Google Calendar has no such event or calendar (it was deleted, or the account cannot see it).', ...base };
  }
  if (response.status === 412) return { ok: false, kind: 'rejected', code: 'conflict', message: 'The event changed in Google Calendar meanwhile: read it and try again.', ...base };
  if (response.status >= 400 && response.status < 500) {
    const error = asRecord(objectBody(response)?.error);
    const first = asRecord(asArray(error?.errors)[0]);
    const location = asString(first?.location);
    const field = reasons.includes('timeRangeEmpty') ? rangeField : location && /^[a-zA-Z]+$/.test(location) ? location : undefined;
    const said = reason(asString(first?.message) ?? asString(error?.message));
    return { ok: false, kind: 'rejected', code: 'rejected', message: `Google Calendar refused the ${subject}${said ? `: ${said}` : '.'}`, ...base, ...(field ? { field } : {}) };
  }
  return unreadable(response);
}

const unreadable = (response: ProbeResponse): Failure => ({
  ok: false,
  kind: 'retry',
  code: 'invalid_response',
  message: `Google Calendar answered in an unexpected way (HTTP ${response.status}).`,
  httpStatus: response.status,
});

function eventBody(input: EventFields, id?: string): Record<string, unknown> {
  const at = (dateTime: string) => ({ dateTime, ...(input.timeZone ? { timeZone: input.timeZone } : {}) });
  return {
    ...(id ? { id } : {}),
    summary: input.summary,
    ...(input.description ? { description: input.description } : {}),
    ...(input.location ? { location: input.location } : {}),
    start: at(input.startTime),
    end: at(input.endTime),
    ...(input.attendees ? { attendees: input.attendees.map((email) => ({ email })) } : {}),
    reminders: input.reminders ? { useDefault: false, overrides: input.reminders } : { useDefault: true },
  };
}

/** A dateTime, or an all-day event's date. */
const when = (value: unknown) => asString(asRecord(value)?.dateTime) ?? asString(asRecord(value)?.date);

function eventResult(response: ProbeResponse, calendarId: string, httpStatus = response.status): OperationResult<z.input<typeof googleCalendarOperations.create_event.output>> {
  const event = objectBody(response);
  const eventId = asString(event?.id);
  if (!event || !eventId) return unreadable(response);
  const status = asString(event.status) ?? 'confirmed';
  return {
    ok: true,
    httpStatus,
    output: {
      eventId,
      calendarId,
      status,
      htmlLink: asString(event.htmlLink) ?? '',
      startTime: when(event.start) ?? '',
      endTime: when(event.end) ?? '',
      attendeeCount: asArray(event.attendees).length,
    },
    objectId: eventId,
    objectStatus: status,
  };
}

const eventsPath = (calendarId: string) => `/calendars/${encodeURIComponent(calendarId)}/events`;
const eventPath = (calendarId: string, eventId: string) => `${eventsPath(calendarId)}/${encodeURIComponent(eventId)}`;

/** Shared calendars' ids name no one; a calendar id that is a person's address is not kept. */
const keepableCalendar = (calendarId: string) => calendarId !== 'primary' && /\.calendar\.google\.com$/i.test(calendarId);

/** Where the event was created, as its create request kept it; else where the caller says. */
const calendarOf = (ctx: OperationContext, given: string | undefined) => asString(ctx.object?.details.calendar_id) ?? given ?? 'primary';

export const googleCalendarEvents = implementOperations<Credentials, typeof googleCalendarOperations>(googleCalendarOperations, {
  async create_event(credentials, input, ctx) {
    const id = eventIdFor(ctx.requestId);
    const query = `?sendUpdates=${encodeURIComponent(input.sendUpdates)}`;
    let response = await call(credentials, ctx, `${eventsPath(input.calendarId)}${query}`, { method: 'POST', body: JSON.stringify(eventBody(input, id)) });
    // 409 means an earlier attempt of this very request created it: read it back.
    if (response.status === 409) response = await call(credentials, ctx, eventPath(input.calendarId, id));
    if (response.status !== 200) return refusal(response, 'event', 'endTime');
    const result = eventResult(response, input.calendarId);
    if (!result.ok) return result;
    const details: ObjectDetails = { attendee_count: result.output.attendeeCount };
    if (keepableCalendar(input.calendarId)) details.calendar_id = input.calendarId;
    return { ...result, details };
  },

  async list_events(credentials, input, ctx) {
    const query = new URLSearchParams({ singleEvents: 'true', orderBy: 'startTime', maxResults: String(input.maxResults) });
    if (input.timeMin) query.set('timeMin', input.timeMin);
    if (input.timeMax) query.set('timeMax', input.timeMax);
    if (input.pageToken) query.set('pageToken', input.pageToken);
    const response = await call(credentials, ctx, `${eventsPath(input.calendarId)}?${query}`);
    if (response.status !== 200) return refusal(response, 'listing', 'timeMax');
    const body = objectBody(response);
    if (!body) return unreadable(response);
    const events = asArray(body.items)
      .map(asRecord)
      .filter((event) => event !== null && asString(event.id) !== null)
      .map((event) => ({
        eventId: asString(event!.id)!,
        summary: asString(event!.summary),
        status: asString(event!.status) ?? 'confirmed',
        startTime: when(event!.start),
        endTime: when(event!.end),
        htmlLink: asString(event!.htmlLink),
      }));
    return { ok: true, httpStatus: 200, output: { events, nextPageToken: asString(body.nextPageToken) } };
  },

  async update_event(credentials, input, ctx) {
    const calendarId = calendarOf(ctx, input.calendarId);
    const query = `?sendUpdates=${encodeURIComponent(input.sendUpdates)}`;
    const response = await call(credentials, ctx, `${eventPath(calendarId, input.eventId)}${query}`, { method: 'PUT', body: JSON.stringify(eventBody(input)) });
    if (response.status !== 200) return refusal(response, 'change', 'endTime');
    return eventResult(response, calendarId);
  },

  async delete_event(credentials, input, ctx) {
    const calendarId = calendarOf(ctx, input.calendarId);
    const query = `?sendUpdates=${encodeURIComponent(input.sendUpdates)}`;
    const response = await call(credentials, ctx, `${eventPath(calendarId, input.eventId)}${query}`, { method: 'DELETE' });
    // 410: deleted already, by an earlier attempt or in the calendar itself.
    if (response.status !== 204 && response.status !== 200 && response.status !== 410) return refusal(response, 'deletion', 'eventId');
    return {
      ok: true,
      httpStatus: response.status,
      output: { eventId: input.eventId, deleted: true },
      objectId: input.eventId,
      objectStatus: 'deleted',
      settles: 'completed',
    };
  },
});
