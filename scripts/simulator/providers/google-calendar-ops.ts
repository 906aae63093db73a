// Google Calendar's events API under /google/calendar/calendars/{calendarId}/events (v3): insert
// (200; the caller's own id honoured, 409 duplicate when it exists, deleted or not), list (timeMin,
// timeMax, maxResults, pageToken, singleEvents + orderBy=startTime), get, PUT, PATCH, DELETE (204,
// then 410 deleted). Access tokens are the ones this simulator's token endpoint issued and has not
// forgotten; anything else is Google's 401 authError. Events live in this simulator's memory, per
// calendar id (`primary` and the account's address are one calendar; an id containing "notfound"
// does not exist). A summary containing "quotaexceeded" gets 403 quotaExceeded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { json, parseJson, randomId, RETRY_AFTER_SECONDS } from './common';

const ACCOUNT = 'ada.admin@example.com';
type Event = Record<string, unknown> & { id: string; status: string; etag: string; start: { dateTime?: string; date?: string }; end: { dateTime?: string; date?: string } };

export function calendarError(res: ServerResponse, status: number, message: string, reason: string, domain: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  json(res, status, { error: { code: status, message, errors: [{ domain, reason, message }], ...extra } }, headers);
}

/** Access tokens issued by this simulator, each with the convention word it carries and when it expires. */
export class IssuedTokens {
  private tokens = new Map<string, number>();
  issue(tag: string, expiresInSeconds: number): string {
    const token = `ya29.sim-${tag}-${randomId(16)}`;
    this.tokens.set(token, Date.now() + expiresInSeconds * 1000);
    return token;
  }
  /** True when the token may call the API; otherwise Google's answer has been given. */
  check(req: IncomingMessage, res: ServerResponse): boolean {
    const token = bearer(req) ?? '';
    const expiresAt = this.tokens.get(token);
    const tag = /^ya29\.sim-(ok|noscope|ratelimit)-/.exec(token)?.[1];
    if (!expiresAt || expiresAt < Date.now() || !tag) {
      calendarError(res, 401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'global', { status: 'UNAUTHENTICATED' }, {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
      return false;
    }
    if (tag === 'noscope') {
      calendarError(res, 403, 'Request had insufficient authentication scopes.', 'insufficientPermissions', 'global', {
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' }],
      });
      return false;
    }
    if (tag === 'ratelimit') {
      calendarError(res, 429, 'Rate Limit Exceeded', 'rateLimitExceeded', 'usageLimits', { status: 'RESOURCE_EXHAUSTED' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return false;
    }
    return true;
  }
  clear(): void {
    this.tokens.clear();
  }
}

const instant = (at: { dateTime?: string; date?: string } | undefined) => Date.parse(at?.dateTime ?? (at?.date ? `${at.date}T00:00:00Z` : ''));
const invalid = (res: ServerResponse, message: string, reason = 'invalid') => calendarError(res, 400, message, reason, reason === 'timeRangeEmpty' ? 'calendar' : 'global');
const notFound = (res: ServerResponse) => calendarError(res, 404, 'Not Found', 'notFound', 'global');

/** The writable fields of an event body, checked as Google checks them; null once the refusal is answered. */
function readEvent(res: ServerResponse, body: Record<string, unknown>): Record<string, unknown> | null {
  const start = body.start as Event['start'] | undefined;
  const end = body.end as Event['end'] | undefined;
  const refuse = (message: string, reason = 'invalid') => {
    invalid(res, message, reason);
    return null;
  };
  if (!start || !end || Number.isNaN(instant(start)) || Number.isNaN(instant(end))) return refuse('Missing end time.', 'required');
  if (instant(end) <= instant(start)) return refuse('The specified time range is empty.', 'timeRangeEmpty');
  const attendees = Array.isArray(body.attendees) ? (body.attendees as { email?: unknown }[]) : [];
  if (attendees.some((a) => typeof a?.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(a.email))) return refuse('Invalid attendee email.');
  const reminders = body.reminders as { overrides?: unknown[] } | undefined;
  if ((reminders?.overrides?.length ?? 0) > 5) return refuse('Too many reminders.', 'tooManyReminders');
  // What Google sets itself is not taken from the body.
  const fields = Object.fromEntries(Object.entries(body).filter(([key]) => !['id', 'etag', 'kind', 'htmlLink'].includes(key)));
  return {
    ...fields,
    ...(attendees.length > 0 ? { attendees: attendees.map((a) => ({ email: String(a.email).toLowerCase(), responseStatus: 'needsAction' })) } : {}),
  };
}

export function calendarEventRoutes(tokens: IssuedTokens): { routes: Route[]; reset: () => void } {
  const calendars = new Map<string, Map<string, Event>>();
  const calendarOf = (res: ServerResponse, raw: string) => {
    const id = decodeURIComponent(raw);
    if (id.toLowerCase().includes('notfound')) {
      notFound(res);
      return null;
    }
    const key = id === ACCOUNT ? 'primary' : id;
    if (!calendars.has(key)) calendars.set(key, new Map());
    return { id: key === 'primary' ? ACCOUNT : id, events: calendars.get(key)! };
  };
  const stamp = () => new Date().toISOString();
  const store = (calendar: { id: string; events: Map<string, Event> }, id: string, fields: Record<string, unknown>, previous?: Event) => {
    const event: Event = {
      kind: 'calendar#event',
      reminders: { useDefault: true },
      eventType: 'default',
      ...fields,
      id,
      status: typeof fields.status === 'string' ? fields.status : 'confirmed',
      etag: `"${Date.now()}${Math.floor(Math.random() * 1000)}"`,
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar.id}`).toString('base64url')}`,
      created: previous?.created ?? stamp(),
      updated: stamp(),
      creator: { email: ACCOUNT, self: true },
      organizer: { email: calendar.id, self: true },
      iCalUID: `${id}@google.com`,
      sequence: previous ? Number(previous.sequence ?? 0) + 1 : 0,
      start: fields.start as Event['start'],
      end: fields.end as Event['end'],
    };
    calendar.events.set(id, event);
    return event;
  };
  const base = '^\\/google\\/calendar\\/calendars\\/([^/]+)\\/events';
  const one = new RegExp(`${base}\\/([^/]+)$`);

  /** The authorised calendar and its live event, or null once the answer is given. */
  const live = (req: IncomingMessage, res: ServerResponse, params: string[]) => {
    if (!tokens.check(req, res)) return null;
    const calendar = calendarOf(res, params[0]!);
    if (!calendar) return null;
    const event = calendar.events.get(decodeURIComponent(params[1]!));
    if (!event) notFound(res);
    else if (event.status === 'cancelled') calendarError(res, 410, 'Resource has been deleted', 'deleted', 'global');
    else if (req.headers['if-match'] && req.headers['if-match'] !== event.etag) calendarError(res, 412, 'Precondition Failed', 'conditionNotMet', 'global');
    else return { calendar, event };
    return null;
  };

  const write = (merge: boolean): Route['handle'] =>
    async ({ req, res, params, body }) => {
      const parsed = parseJson(await body());
      const found = live(req, res, params);
      if (!found) return;
      if (!parsed) return invalid(res, 'Parse Error', 'parseError');
      const fields = readEvent(res, merge ? { ...found.event, ...parsed } : parsed);
      if (fields) json(res, 200, store(found.calendar, found.event.id, merge ? fields : { ...fields, status: 'confirmed' }, found.event));
    };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: new RegExp(`${base}$`),
      async handle({ req, res, params, body }) {
        const parsed = parseJson(await body());
        if (!tokens.check(req, res)) return;
        const calendar = calendarOf(res, params[0]!);
        if (!calendar) return;
        if (!parsed) return invalid(res, 'Parse Error', 'parseError');
        if (/quotaexceeded/i.test(String(parsed.summary ?? ''))) return calendarError(res, 403, 'Calendar usage limits exceeded.', 'quotaExceeded', 'usageLimits');
        const id = parsed.id === undefined ? randomId(13) : String(parsed.id);
        if (!/^[a-v0-9]{5,1024}$/.test(id)) return invalid(res, 'Invalid resource id value.');
        if (calendar.events.has(id)) return calendarError(res, 409, 'The requested identifier already exists.', 'duplicate', 'global');
        const fields = readEvent(res, parsed);
        if (fields) json(res, 200, store(calendar, id, fields));
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`${base}$`),
      handle({ req, res, url, params }) {
        if (!tokens.check(req, res)) return;
        const calendar = calendarOf(res, params[0]!);
        if (!calendar) return;
        const q = url.searchParams;
        const min = q.get('timeMin') ? Date.parse(q.get('timeMin')!) : -Infinity;
        const max = q.get('timeMax') ? Date.parse(q.get('timeMax')!) : Infinity;
        if (Number.isNaN(min) || Number.isNaN(max)) return calendarError(res, 400, 'Bad Request', 'badRequest', 'global');
        if (max <= min) return calendarError(res, 400, 'The specified time range is empty.', 'timeRangeEmpty', 'calendar', { errors: [{ domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.', locationType: 'parameter', location: 'timeMax' }] });
        if (q.get('orderBy') === 'startTime' && q.get('singleEvents') !== 'true') return invalid(res, 'The requested ordering is not available for the particular query.');
        const size = Math.min(2500, Math.max(1, Number(q.get('maxResults') ?? 250) || 250));
        const offset = Number(/^sim-page-(\d+)$/.exec(q.get('pageToken') ?? 'sim-page-0')?.[1] ?? NaN);
        if (Number.isNaN(offset)) return invalid(res, 'Invalid page token value.');
        const all = [...calendar.events.values()]
          .filter((e) => e.status !== 'cancelled' && instant(e.end) > min && instant(e.start) < max)
          .sort((a, b) => instant(a.start) - instant(b.start));
        const items = all.slice(offset, offset + size);
        json(res, 200, {
          kind: 'calendar#events',
          etag: `"p3${Date.now()}"`,
          summary: calendar.id,
          updated: stamp(),
          timeZone: 'Asia/Kolkata',
          accessRole: 'owner',
          defaultReminders: [{ method: 'popup', minutes: 10 }],
          ...(offset + size < all.length ? { nextPageToken: `sim-page-${offset + size}` } : {}),
          items,
        });
      },
    },
    {
      method: 'GET',
      pattern: one,
      handle({ req, res, params }) {
        if (!tokens.check(req, res)) return;
        const calendar = calendarOf(res, params[0]!);
        const event = calendar?.events.get(decodeURIComponent(params[1]!));
        if (calendar && !event) return notFound(res);
        if (event) json(res, 200, event);
      },
    },
    { method: 'PUT', pattern: one, handle: write(false) },
    { method: 'PATCH', pattern: one, handle: write(true) },
    {
      method: 'DELETE',
      pattern: one,
      handle({ req, res, params }) {
        const found = live(req, res, params);
        if (!found) return;
        found.calendar.events.set(found.event.id, { ...found.event, status: 'cancelled', updated: stamp() });
        res.writeHead(204).end();
      },
    },
  ];
  return { routes, reset: () => calendars.clear() };
}
