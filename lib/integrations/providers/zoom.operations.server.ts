import 'server-only';
import type * as z from 'zod/mini';
import type { OperationContext, OperationResult } from '@/lib/operations/define.server';
import { implementOperations } from '@/lib/operations/define.server';
import { retryAfterSeconds, type ProbeRequest, type ProbeResponse } from '../define.server';
import { asArray, asNumber, asRecord, asString, bearerHeaders } from './common.server';
import { reason } from './send-results.server';
import type zoom from './zoom';
import { accountToken, apiFailure, type ZoomNeed } from './zoom-common.server';
import { zoomOperations } from './zoom.operations';

// Zoom's meeting API with the account token: cached per app, and fetched anew once when Zoom calls
// it expired (code 124). Meeting ids are 64-bit integers in Zoom's JSON, read from the text as
// strings so no digit is lost. The start URL signs the host in: it goes back to the caller and
// nowhere else (not into details, statuses or messages).

type Credentials = z.output<typeof zoom.schema>;
type Failure = Extract<OperationResult<unknown>, { ok: false }>;

const MEETINGS: ZoomNeed = {
  action: 'manage meetings',
  scopes: 'meeting:write:meeting:admin and meeting:read:meeting:admin scopes (meeting:write:admin and meeting:read:admin on older apps)',
};
const RECORDINGS: ZoomNeed = {
  action: 'read cloud recordings',
  scopes: 'cloud_recording:read:list_recording_files:admin scope (recording:read:admin on older apps)',
};

/** Zoom's field names in a validation error, as the caller named them. */
const FIELDS: Record<string, string> = { topic: 'topic', start_time: 'startTime', duration: 'duration', timezone: 'timezone', agenda: 'agenda' };

/** The body parsed with every `"id": <integer>` kept as its digits (a string value cannot hold `"id":` unescaped). */
function zoomJson(response: ProbeResponse): Record<string, unknown> | null {
  try {
    return asRecord(JSON.parse(response.text.replace(/"id"\s*:\s*(-?\d+)(?=\s*[,}\]])/g, '"id":"$1"')) as unknown);
  } catch {
    return null;
  }
}

const codeOf = (response: ProbeResponse) => asNumber(zoomJson(response)?.code);

/** One API call with the cached token; a token Zoom calls expired is replaced once. Credential failures are thrown. */
async function call(credentials: Credentials, ctx: OperationContext, need: ZoomNeed, path: string, init: ProbeRequest = {}): Promise<ProbeResponse> {
  const key = `zoom:${credentials.account_id}:${credentials.client_id}:${credentials.client_secret}`;
  // The cache keeps one string per app: the API host the token belongs to, then the token.
  const issue = async () => {
    const { token, api, expiresInSeconds } = await accountToken(credentials, ctx);
    return { token: `${api} ${token}`, expiresInSeconds };
  };
  const attempt = async (fresh: boolean) => {
    const cached = await ctx.token(key, issue, { fresh });
    const space = cached.indexOf(' ');
    const headers = { ...bearerHeaders(cached.slice(space + 1)), ...(init.body ? { 'content-type': 'application/json' } : {}) };
    return ctx.request(`${cached.slice(0, space)}${path}`, { ...init, headers });
  };
  let response = await attempt(false);
  if (response.status === 401 && codeOf(response) === 124) response = await attempt(true);
  const code = codeOf(response);
  if (response.status === 401 || code === 4700 || code === 4711) throw apiFailure(response, need);
  return response;
}

/** What a refusal of this request means for the caller. */
function refusal(response: ProbeResponse, subject: string): Failure {
  const body = zoomJson(response);
  const code = asNumber(body?.code);
  const base = { httpStatus: response.status, ...(code === null ? {} : { providerCode: String(code) }) };
  const after = retryAfterSeconds(response);
  if (response.status === 429) {
    if (/daily/i.test(response.headers['x-ratelimit-type'] ?? '')) {
      return {
        ok: false,
        kind: 'rejected',
        code: 'daily_limit',
        message: 'Zoom’s daily limit of meeting requests for this user is reached; it resets at 00:00 UTC.',
        ...base,
        ...(after === undefined ? {} : { retryAfterSeconds: after }),
      };
    }
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'Zoom is rate limiting this account.', ...base, ...(after === undefined ? {} : { retryAfterSeconds: after }) };
  }
  if (response.status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', message: `Zoom had an internal error (HTTP ${response.status}).`, ...base };
  if (code === 3001) return { ok: false, kind: 'rejected', code: 'not_found', notFound: true, message: 'Zoom has no such meeting (it was deleted or never existed).', ...base };
  // Zoom's own sentence names the user's email: worded here instead.
  if (code === 1001) return { ok: false, kind: 'rejected', code: 'rejected', field: 'hostEmail', message: 'Zoom has no user with that host email in this account.', ...base };
  if (response.status >= 400 && response.status < 500) {
    const first = asRecord(asArray(body?.errors)[0]);
    const zoomField = asString(first?.field) ?? '';
    const field = FIELDS[zoomField] ?? (zoomField.startsWith('settings') ? 'settings' : undefined);
    const said = reason(asString(first?.message) ?? asString(body?.message));
    return { ok: false, kind: 'rejected', code: 'rejected', message: `Zoom refused the ${subject}${said ? `: ${said}` : '.'}`, ...base, ...(field ? { field } : {}) };
  }
  return unreadable(response);
}

const unreadable = (response: ProbeResponse): Failure => ({
  ok: false,
  kind: 'retry',
  code: 'invalid_response',
  message: `Zoom answered in an unexpected way (HTTP ${response.status}).`,
  httpStatus: response.status,
});

/** Zoom reads a time ending in Z as UTC; offsets are turned into that form. */
const zoomTime = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

const meetingPath = (meetingId: string) => `/v2/meetings/${encodeURIComponent(meetingId)}`;

export const zoomMeetings = implementOperations<Credentials, typeof zoomOperations>(zoomOperations, {
  async create_meeting(credentials, input, ctx) {
    const body = {
      topic: input.topic,
      type: 2,
      start_time: zoomTime(input.startTime),
      duration: input.duration,
      ...(input.timezone ? { timezone: input.timezone } : {}),
      ...(input.agenda ? { agenda: input.agenda } : {}),
      ...(input.settings ? { settings: input.settings } : {}),
    };
    const host = encodeURIComponent(input.hostEmail ?? 'me');
    const response = await call(credentials, ctx, MEETINGS, `/v2/users/${host}/meetings`, { method: 'POST', body: JSON.stringify(body) });
    if (response.status !== 201 && response.status !== 200) return refusal(response, 'meeting');
    const m = zoomJson(response);
    const meetingId = asString(m?.id);
    const joinUrl = asString(m?.join_url);
    const startUrl = asString(m?.start_url);
    if (!m || !meetingId || !joinUrl || !startUrl) return unreadable(response);
    const duration = asNumber(m.duration) ?? input.duration;
    return {
      ok: true,
      httpStatus: response.status,
      output: {
        meetingId,
        topic: asString(m.topic) ?? input.topic,
        startTime: asString(m.start_time) ?? body.start_time,
        duration,
        timezone: asString(m.timezone),
        joinUrl,
        startUrl,
        password: asString(m.password),
      },
      objectId: meetingId,
      objectStatus: asString(m.status) ?? 'waiting',
      details: { duration },
    };
  },

  async get_meeting(credentials, input, ctx) {
    const response = await call(credentials, ctx, MEETINGS, meetingPath(input.meetingId));
    if (response.status !== 200) return refusal(response, 'request');
    const m = zoomJson(response);
    const joinUrl = asString(m?.join_url);
    if (!m || !joinUrl) return unreadable(response);
    const status = asString(m.status) ?? 'waiting';
    return {
      ok: true,
      httpStatus: 200,
      output: {
        meetingId: asString(m.id) ?? input.meetingId,
        topic: asString(m.topic) ?? '',
        status,
        startTime: asString(m.start_time),
        duration: asNumber(m.duration) ?? 0,
        timezone: asString(m.timezone),
        joinUrl,
      },
      objectId: input.meetingId,
      objectStatus: status,
    };
  },

  async delete_meeting(credentials, input, ctx) {
    const response = await call(credentials, ctx, MEETINGS, meetingPath(input.meetingId), { method: 'DELETE' });
    // A meeting Zoom no longer has is deleted already: the caller's repeat succeeds.
    const gone = response.status === 404 && codeOf(response) === 3001;
    if (response.status !== 204 && response.status !== 200 && !gone) return refusal(response, 'deletion');
    return {
      ok: true,
      httpStatus: response.status,
      output: { meetingId: input.meetingId, deleted: true },
      objectId: input.meetingId,
      objectStatus: 'deleted',
      settles: 'completed',
    };
  },

  async list_recordings(credentials, input, ctx) {
    const response = await call(credentials, ctx, RECORDINGS, `${meetingPath(input.meetingId)}/recordings`);
    const none = response.status === 404 && codeOf(response) === 3301;
    if (response.status !== 200 && !none) return refusal(response, 'request');
    const body = none ? {} : zoomJson(response);
    if (!body) return unreadable(response);
    // download_url is left out: it only opens with the app's bearer token.
    const recordings = asArray(body.recording_files)
      .map(asRecord)
      .filter((file) => file !== null)
      .map((file) => ({
        id: asString(file.id) ?? '',
        fileType: asString(file.file_type) ?? 'unknown',
        fileSize: asNumber(file.file_size),
        status: asString(file.status) ?? 'unknown',
        recordingStart: asString(file.recording_start),
        playUrl: asString(file.play_url),
      }));
    return {
      ok: true,
      httpStatus: response.status,
      output: { meetingId: input.meetingId, shareUrl: asString(body.share_url), recordings },
      objectId: input.meetingId,
    };
  },
});
