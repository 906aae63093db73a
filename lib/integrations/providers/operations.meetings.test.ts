// The Zoom meeting and Google Calendar event operations making real attempts against the in-process
// simulator, as the portal runs them: input parsed with the declaration's schema, one attempt per
// call with a fresh operation context. The simulator's conventions are documented in
// scripts/simulator/providers/index.ts.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { beforeEach, describe, expect, it } from 'vitest';
import { simulatorForTests } from '@/tests/simulator';
import { providerCases, type Creds } from '@/tests/provider-cases';
import { cachedToken, forgetTokens } from '@/lib/operations/context';
import type { OperationContext } from '@/lib/operations/define.server';
import { attemptOperation, thrownFailure, type AttemptOptions, type Exchange, type Result } from '@/tests/operations';
import { createEventSchema, updateEventSchema } from '@/lib/validations/operations/calendar';
import { createMeetingSchema, meetingRefSchema } from '@/lib/validations/operations/meetings';

const simulator = simulatorForTests();
beforeEach(async () => {
  await fetch(`${simulator.sim.url}/_control/reset`, { method: 'POST' });
  forgetTokens();
});

type Call = Exchange;

interface Options extends Omit<AttemptOptions, 'exchanges' | 'object'> {
  object?: OperationContext['object'];
  /** Where the HTTP calls are recorded (kept when the run throws). */
  calls?: Call[];
}

/** One attempt: the provider's credentials and the action's input parsed, then its run. */
async function run(type: string, action: string, creds: Creds, input: Record<string, unknown>, options: Options = {}): Promise<{ result: Result; calls: Call[] }> {
  const { result, exchanges } = await attemptOperation(type, action, creds, input, { ...options, exchanges: options.calls });
  return { result, calls: exchanges };
}

/** The output of a successful result (failing the test otherwise). */
function output(result: Result): Record<string, unknown> {
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return result.ok ? result.output : {};
}

const thrown = thrownFailure;

const tokenCalls = (calls: Call[]) => calls.filter((c) => /\/oauth\/token|\/google\/token/.test(c.url)).length;
const cases = () => providerCases(simulator.sim);

describe('Zoom meeting operations', () => {
  const good = () => cases().zoom!.good;
  const seed = { topic: 'Team Meeting', startTime: '2025-02-15T10:00:00Z', duration: 60, settings: { host_video: true, participant_video: true } };
  const zoom = (action: string, input: Record<string, unknown>, creds: Creds = good(), options?: Options) => run('zoom', action, creds, input, options);

  it('creates a meeting, reads it, lists its (absent) recordings, deletes it twice, and then finds nothing', async () => {
    const { result: created, calls } = await zoom('create_meeting', seed);
    const meeting = output(created);
    expect(created).toMatchObject({ httpStatus: 201, objectStatus: 'waiting', details: { duration: 60 } });
    expect(meeting).toMatchObject({ topic: 'Team Meeting', startTime: '2025-02-15T10:00:00Z', duration: 60, timezone: 'Asia/Kolkata' });
    expect(meeting.meetingId).toMatch(/^\d{9,20}$/);
    expect(created.ok && created.objectId).toBe(meeting.meetingId);
    expect(meeting.joinUrl).toMatch(/\/j\/\d+\?pwd=/);
    expect(meeting.startUrl).toMatch(/\/s\/\d+\?zak=/);
    expect(meeting.password).toMatch(/^\d{6}$/);
    // The host's start URL goes back to the caller and nowhere the portal keeps.
    const kept = created.ok ? JSON.stringify({ details: created.details, objectStatus: created.objectStatus }) : '';
    expect(kept).not.toContain('zak');
    const post = calls.find((c) => c.method === 'POST' && c.url.endsWith('/v2/users/me/meetings'))!;
    expect(JSON.parse(post.body!)).toEqual({ topic: 'Team Meeting', type: 2, start_time: '2025-02-15T10:00:00Z', duration: 60, settings: { host_video: true, participant_video: true } });

    const id = meeting.meetingId as string;
    const { result: read } = await zoom('get_meeting', { meetingId: id });
    expect(output(read)).toEqual({ meetingId: id, topic: 'Team Meeting', status: 'waiting', startTime: '2025-02-15T10:00:00Z', duration: 60, timezone: 'Asia/Kolkata', joinUrl: meeting.joinUrl });
    expect(read).toMatchObject({ objectId: id, objectStatus: 'waiting' });

    const { result: none } = await zoom('list_recordings', { meetingId: id });
    expect(output(none)).toEqual({ meetingId: id, shareUrl: null, recordings: [] });

    const { result: deleted } = await zoom('delete_meeting', { meetingId: id });
    expect(deleted).toMatchObject({ ok: true, httpStatus: 204, output: { meetingId: id, deleted: true }, objectStatus: 'deleted', settles: 'completed' });
    const { result: again } = await zoom('delete_meeting', { meetingId: id });
    expect(again).toMatchObject({ ok: true, httpStatus: 404, output: { meetingId: id, deleted: true }, settles: 'completed' });

    const { result: gone } = await zoom('get_meeting', { meetingId: id });
    expect(gone).toMatchObject({ ok: false, kind: 'rejected', code: 'not_found', notFound: true, httpStatus: 404, providerCode: '3001' });
  });

  it('lists a recorded meeting’s files with play links, never the download links', async () => {
    const { result } = await zoom('create_meeting', { ...seed, topic: 'Quarterly review (recorded)' });
    const id = output(result).meetingId as string;
    const { result: listed } = await zoom('list_recordings', { meetingId: id });
    const recordings = output(listed);
    expect(recordings.shareUrl).toMatch(/^https:\/\/.*\/rec\/share\//);
    expect(recordings.recordings).toEqual([
      expect.objectContaining({ fileType: 'MP4', fileSize: 48_213_337, status: 'completed', recordingStart: '2025-02-15T10:00:00Z', playUrl: expect.stringMatching(/\/rec\/play\//) }),
      expect.objectContaining({ fileType: 'M4A', fileSize: 3_522_010, status: 'completed' }),
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/download/);
  });

  it('keeps a meeting id past 2^53 digit for digit, and sends an offset start time as UTC', async () => {
    const { result, calls } = await zoom('create_meeting', { ...seed, topic: 'bigid planning', startTime: '2025-02-15T18:00:00+08:00', timezone: 'Asia/Kuala_Lumpur' });
    const id = output(result).meetingId as string;
    expect(BigInt(id) > 2n ** 53n).toBe(true);
    expect(JSON.parse(calls.at(-1)!.body!)).toMatchObject({ start_time: '2025-02-15T10:00:00Z', timezone: 'Asia/Kuala_Lumpur' });
    // Read back by that id: through a JavaScript number it would have lost its last digits.
    const { result: read, calls: readCalls } = await zoom('get_meeting', { meetingId: id });
    expect(output(read).meetingId).toBe(id);
    expect(readCalls.at(-1)!.url).toMatch(new RegExp(`/v2/meetings/${id}$`));
  });

  it('reuses the account token, and replaces it once when Zoom calls it expired (code 124)', async () => {
    const first = await zoom('create_meeting', seed);
    const second = await zoom('get_meeting', { meetingId: output(first.result).meetingId as string });
    expect(tokenCalls(first.calls) + tokenCalls(second.calls)).toBe(1);

    // A cached token Zoom no longer accepts: one new token, then the call succeeds.
    const creds = good() as Record<string, string>;
    const key = `zoom:${creds.account_id}:${creds.client_id}:${creds.client_secret}`;
    await cachedToken(key, async () => ({ token: `${simulator.sim.url}/zoom/api stale-token`, expiresInSeconds: 3600 }), { fresh: true });
    const retried = await zoom('get_meeting', { meetingId: output(first.result).meetingId as string });
    expect(retried.result.ok).toBe(true);
    expect(tokenCalls(retried.calls)).toBe(1);
    expect(retried.calls.filter((c) => c.url.includes('/v2/meetings/')).length).toBe(2);

    // Still expired after the new token: thrown, after exactly one new token and one repeat.
    const calls: Call[] = [];
    const failure = await thrown(zoom('get_meeting', { meetingId: '81234567890' }, { ...good(), client_secret: 'simSecretExpired' }, { calls }));
    expect(failure.code).toBe('token_expired');
    expect(tokenCalls(calls)).toBe(2);
    expect(calls.filter((c) => c.url.includes('/v2/meetings/')).length).toBe(2);
  });

  it('throws missing_scope for an app without meeting scopes, and asks for a retry when rate limited per second', async () => {
    const failure = await thrown(zoom('create_meeting', seed, { ...good(), client_secret: 'simSecretNoscope' }));
    expect(failure.code).toBe('missing_scope');
    expect(failure.message).toMatch(/manage meetings/);

    const { result } = await zoom('create_meeting', seed, { ...good(), client_secret: 'simSecretRatelimit' });
    expect(result).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', retryAfterSeconds: 7, httpStatus: 429 });
  });

  it('refuses for today at the daily limit, an unknown host by field, and Zoom’s validation by field', async () => {
    const { result: daily } = await zoom('create_meeting', { ...seed, topic: 'Standup dailylimit' });
    expect(daily).toMatchObject({ ok: false, kind: 'rejected', code: 'daily_limit', httpStatus: 429 });
    expect(!daily.ok && daily.retryAfterSeconds).toBeGreaterThan(0);

    const { result: host } = await zoom('create_meeting', { ...seed, hostEmail: 'notfound.host@example.com' });
    expect(host).toMatchObject({ ok: false, kind: 'rejected', field: 'hostEmail', providerCode: '1001', httpStatus: 404 });
    expect(JSON.stringify(host)).not.toContain('notfound.host@example.com');

    // A time zone the schema would refuse, handed to Zoom anyway: its code 300 names the field.
    const { result: zone } = await zoom('create_meeting', { ...seed, timezone: 'Mars/Olympus_Mons' }, good(), { raw: true });
    expect(zone).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', field: 'timezone', providerCode: '300', httpStatus: 400 });
  });

  it('checks the input before anything is sent', () => {
    const bad = (input: Record<string, unknown>) => z.safeParse(createMeetingSchema, { ...seed, ...input });
    expect(bad({}).success).toBe(true);
    expect(bad({ duration: 0 }).error?.issues[0]).toMatchObject({ path: ['duration'] });
    expect(bad({ duration: 1441 }).error?.issues[0]).toMatchObject({ path: ['duration'] });
    expect(bad({ duration: 30.5 }).error?.issues[0]).toMatchObject({ path: ['duration'] });
    expect(bad({ topic: '' }).error?.issues[0]).toMatchObject({ path: ['topic'] });
    expect(bad({ topic: 'x'.repeat(201) }).error?.issues[0]).toMatchObject({ path: ['topic'] });
    expect(bad({ startTime: '2025-02-15T10:00:00' }).error?.issues[0]).toMatchObject({ path: ['startTime'], message: expect.stringMatching(/offset/) });
    expect(bad({ timezone: 'Mars/Olympus_Mons' }).error?.issues[0]).toMatchObject({ path: ['timezone'] });
    expect(bad({ hostEmail: 'not an email' }).error?.issues[0]).toMatchObject({ path: ['hostEmail'] });
    expect(bad({ settings: { auto_recording: 'tape' } }).error?.issues[0]).toMatchObject({ path: ['settings', 'auto_recording'] });
    expect(z.safeParse(meetingRefSchema, { meetingId: 85746065123 }).success).toBe(false);
    expect(z.safeParse(meetingRefSchema, { meetingId: '85746065123' }).success).toBe(true);
  });
});

describe('Google Calendar event operations', () => {
  const good = () => cases().google_calendar!.good;
  const seed = {
    summary: 'Team Meeting',
    description: 'Weekly sync',
    startTime: '2025-02-15T10:00:00Z',
    endTime: '2025-02-15T11:00:00Z',
    attendees: ['john@example.com'],
    reminders: [{ method: 'email', minutes: 30 }],
  };
  const calendar = (action: string, input: Record<string, unknown>, creds: Creds = good(), options?: Options) => run('google_calendar', action, creds, input, options);
  const day = { timeMin: '2025-02-15T00:00:00Z', timeMax: '2025-02-16T00:00:00Z' };

  it('creates an event under an id of its own, lists it, replaces it, and deletes it twice', async () => {
    const requestId = randomUUID();
    const { result: created, calls } = await calendar('create_event', seed, good(), { requestId });
    const event = output(created);
    const eventId = requestId.replace(/-/g, '');
    expect(event).toMatchObject({ eventId, calendarId: 'primary', status: 'confirmed', startTime: '2025-02-15T10:00:00Z', endTime: '2025-02-15T11:00:00Z', attendeeCount: 1 });
    expect(event.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    expect(created).toMatchObject({ httpStatus: 200, objectId: eventId, objectStatus: 'confirmed', details: { attendee_count: 1 } });
    // Attendees are personal data: Google gets them, the kept facts do not.
    expect(created.ok && JSON.stringify({ details: created.details, objectStatus: created.objectStatus })).not.toContain('john');
    const post = calls.find((c) => c.method === 'POST' && c.url.includes('/calendars/primary/events'))!;
    expect(new URL(post.url).searchParams.get('sendUpdates')).toBe('none');
    expect(JSON.parse(post.body!)).toEqual({
      id: eventId,
      summary: 'Team Meeting',
      description: 'Weekly sync',
      start: { dateTime: '2025-02-15T10:00:00Z' },
      end: { dateTime: '2025-02-15T11:00:00Z' },
      attendees: [{ email: 'john@example.com' }],
      reminders: { useDefault: false, overrides: [{ method: 'email', minutes: 30 }] },
    });

    const { result: listed, calls: listCalls } = await calendar('list_events', day);
    expect(output(listed)).toEqual({
      events: [{ eventId, summary: 'Team Meeting', status: 'confirmed', startTime: '2025-02-15T10:00:00Z', endTime: '2025-02-15T11:00:00Z', htmlLink: event.htmlLink }],
      nextPageToken: null,
    });
    const query = new URL(listCalls.at(-1)!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ singleEvents: 'true', orderBy: 'startTime', maxResults: '50', ...day });

    const object = { id: eventId, requestId, details: created.ok ? created.details! : {} };
    const changes = { ...seed, eventId, summary: 'Team Meeting (moved)', startTime: '2025-02-15T14:00:00+08:00', endTime: '2025-02-15T15:30:00+08:00', timeZone: 'Asia/Kuala_Lumpur', attendees: [] };
    const { result: updated, calls: putCalls } = await calendar('update_event', changes, good(), { object });
    expect(output(updated)).toMatchObject({ eventId, status: 'confirmed', startTime: '2025-02-15T14:00:00+08:00', endTime: '2025-02-15T15:30:00+08:00', attendeeCount: 0 });
    expect(putCalls.at(-1)).toMatchObject({ method: 'PUT' });
    expect(JSON.parse(putCalls.at(-1)!.body!)).toMatchObject({ summary: 'Team Meeting (moved)', start: { dateTime: '2025-02-15T14:00:00+08:00', timeZone: 'Asia/Kuala_Lumpur' } });
    expect(output((await calendar('list_events', day)).result).events).toEqual([expect.objectContaining({ eventId, summary: 'Team Meeting (moved)' })]);

    const { result: deleted } = await calendar('delete_event', { eventId }, good(), { object });
    expect(deleted).toMatchObject({ ok: true, httpStatus: 204, output: { eventId, deleted: true }, objectStatus: 'deleted', settles: 'completed' });
    const { result: again } = await calendar('delete_event', { eventId }, good(), { object });
    expect(again).toMatchObject({ ok: true, httpStatus: 410, output: { eventId, deleted: true }, settles: 'completed' });
    expect(output((await calendar('list_events', day)).result).events).toEqual([]);

    const { result: late } = await calendar('update_event', changes, good(), { object });
    expect(late).toMatchObject({ ok: false, kind: 'rejected', code: 'not_found', notFound: true, httpStatus: 410 });
    const { result: unknown } = await calendar('delete_event', { eventId: 'abcdef0123456789' });
    expect(unknown).toMatchObject({ ok: false, kind: 'rejected', code: 'not_found', notFound: true, httpStatus: 404 });
  });

  it('books one event when the same request is repeated (409 duplicate is read back as success)', async () => {
    const requestId = randomUUID();
    const first = await calendar('create_event', seed, good(), { requestId });
    const second = await calendar('create_event', seed, good(), { requestId });
    expect(output(second.result)).toEqual(output(first.result));
    expect(second.calls.filter((c) => !c.url.includes('/token')).map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(output((await calendar('list_events', day)).result).events).toHaveLength(1);
  });

  it('refreshes the access token once and reuses it; refreshes again once when Google stops accepting it', async () => {
    const first = await calendar('create_event', seed);
    const second = await calendar('list_events', day);
    expect(tokenCalls(first.calls)).toBe(1);
    expect(tokenCalls(second.calls)).toBe(0);

    // The simulator forgets the tokens it issued: the cached one now gets 401 authError.
    await fetch(`${simulator.sim.url}/_control/reset`, { method: 'POST' });
    const third = await calendar('list_events', day);
    expect(output(third.result).events).toEqual([]);
    expect(tokenCalls(third.calls)).toBe(1);
    expect(third.calls.filter((c) => c.url.includes('/events')).length).toBe(2);
  });

  it('throws token_expired for a revoked authorization or none at all, and missing_scope without calendar access', async () => {
    const revoked = await thrown(calendar('list_events', {}, { ...good(), refresh_token: '1//sim-expired' }));
    expect(revoked.code).toBe('token_expired');
    expect(revoked.message).toMatch(/expired or was revoked/);
    const none = await thrown(calendar('list_events', {}, { ...good(), refresh_token: '' }));
    expect(none).toMatchObject({ code: 'token_expired', message: expect.stringMatching(/Not connected/) });
    const scope = await thrown(calendar('create_event', seed, { ...good(), refresh_token: '1//sim-noscope' }));
    expect(scope.code).toBe('missing_scope');
  });

  it('asks for a retry when rate limited, and much later when the quota is used up', async () => {
    const { result: limited } = await calendar('list_events', {}, { ...good(), refresh_token: '1//sim-ratelimit' });
    expect(limited).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', retryAfterSeconds: 7, httpStatus: 429 });
    const { result: quota } = await calendar('create_event', { ...seed, summary: 'quotaexceeded' });
    expect(quota).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', retryAfterSeconds: 3600, httpStatus: 403, providerCode: 'quotaExceeded' });
  });

  it('refuses an end before the start in the schema, and by field when Google is handed one', async () => {
    const backwards = { ...seed, startTime: '2025-02-15T11:00:00Z', endTime: '2025-02-15T10:00:00Z' };
    expect(z.safeParse(createEventSchema, backwards).error?.issues).toEqual([expect.objectContaining({ path: ['endTime'], message: 'The end time must come after the start time.' })]);
    expect(z.safeParse(updateEventSchema, { ...backwards, eventId: 'abcdef0123' }).error?.issues[0]).toMatchObject({ path: ['endTime'] });
    expect(z.safeParse(createEventSchema, { ...seed, attendees: ['john'] }).error?.issues[0]).toMatchObject({ path: ['attendees', 0] });
    expect(z.safeParse(createEventSchema, { ...seed, reminders: [{ method: 'sms', minutes: 5 }] }).error?.issues[0]).toMatchObject({ path: ['reminders', 0, 'method'] });
    expect(z.parse(createEventSchema, seed)).toMatchObject({ sendUpdates: 'none', calendarId: 'primary' });

    const { result } = await calendar('create_event', { ...backwards, sendUpdates: 'none', calendarId: 'primary' }, good(), { raw: true });
    expect(result).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', field: 'endTime', providerCode: 'timeRangeEmpty', httpStatus: 400 });
  });

  it('pages through events in start order, with all-day events by their date', async () => {
    for (const hour of ['13', '09', '11']) await calendar('create_event', { ...seed, summary: `At ${hour}`, startTime: `2025-02-15T${hour}:00:00Z`, endTime: `2025-02-15T${hour}:30:00Z` });
    // An all-day event made in the calendar itself.
    const token = (await (await fetch(`${simulator.sim.url}/google/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', ...(good() as Record<string, string>) }) })).json()) as { access_token: string };
    const allDay = await fetch(`${simulator.sim.url}/google/calendar/calendars/primary/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ summary: 'Holiday', start: { date: '2025-02-15' }, end: { date: '2025-02-16' } }),
    });
    expect(allDay.status).toBe(200);

    const page1 = output((await calendar('list_events', { ...day, maxResults: 2 })).result);
    expect((page1.events as { summary: string }[]).map((e) => e.summary)).toEqual(['Holiday', 'At 09']);
    expect(page1.events).toContainEqual(expect.objectContaining({ summary: 'Holiday', startTime: '2025-02-15', endTime: '2025-02-16' }));
    expect(page1.nextPageToken).toEqual(expect.any(String));
    const page2 = output((await calendar('list_events', { ...day, maxResults: 2, pageToken: page1.nextPageToken })).result);
    expect((page2.events as { summary: string }[]).map((e) => e.summary)).toEqual(['At 11', 'At 13']);
    expect(page2.nextPageToken).toBeNull();
  });
});
