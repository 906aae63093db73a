// The Zoom meeting and Google Calendar event operations making real attempts against the in-process
// simulator, as the portal runs them: input parsed with the declaration's schema, one attempt per
// call with a fresh operation context. The simulator's conventions are documented in
// scripts/simulator/providers/index.ts.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { beforeEach, describe, expect, it } from 'vitest';
import { simulatorForTests } from '@/tests/simulator';
import { providerCases, type Creds } from '@/tests/provider-cases';
import { cachedToken, createOperationContext, forgetTokens } from '@/lib/operations/context';
import type { OperationContext, OperationResult } from '@/lib/operations/define.server';
import { createEventSchema, updateEventSchema } from '@/lib/validations/operations/calendar';
import { createMeetingSchema, meetingRefSchema } from '@/lib/validations/operations/meetings';
import { ProbeFailure } from '../define.server';
import { findServerProvider } from '../registry.server';

const simulator = simulatorForTests();
beforeEach(async () => {
  await fetch(`${simulator.sim.url}/_control/reset`, { method: 'POST' });
  forgetTokens();
});

type Result = OperationResult<Record<string, unknown>>;
interface Call {
  method: string;
  url: string;
  body?: string;
}

interface Options {
  requestId?: string;
  object?: OperationContext['object'];
  /** Hand the input to the run as is, as if the schema had let it through. */
  raw?: boolean;
  /** Where the HTTP calls are recorded (kept when the run throws). */
  calls?: Call[];
}

/** One attempt: the provider's credentials and the action's input parsed, then its run. */
async function run(type: string, action: string, creds: Creds, input: Record<string, unknown>, options: Options = {}): Promise<{ result: Result; calls: Call[] }> {
  const provider = findServerProvider(type)!;
  const operations = provider.operations!;
  const requestId = options.requestId ?? randomUUID();
  const ctx = createOperationContext({ requestId, idempotencyKey: `sb-${requestId}`, timeoutMs: 5000, object: options.object });
  const calls: Call[] = options.calls ?? [];
  const request = ctx.request;
  ctx.request = (url, init) => {
    calls.push({ method: init?.method ?? 'GET', url, ...(init?.body ? { body: init.body } : {}) });
    return request(url, init);
  };
  try {
    const parsed = options.raw ? input : z.parse(operations.declarations[action]!.input, input);
    const result = await operations.runs[action]!(provider.schema.parse(creds) as Record<string, unknown>, parsed as never, ctx);
    return { result: result as Result, calls };
  } finally {
    ctx.dispose();
  }
}

/** The output of a successful result (failing the test otherwise). */
function output(result: Result): Record<string, unknown> {
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return result.ok ? result.output : {};
}

async function thrown(promise: Promise<unknown>): Promise<ProbeFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProbeFailure);
  return error as ProbeFailure;
}

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
