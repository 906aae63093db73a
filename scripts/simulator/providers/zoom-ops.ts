// Zoom's meeting API under /zoom/api/v2 (api.zoom.us), with the access-token conventions of zoom.ts:
// create (POST /users/{userId}/meetings → 201), GET, PATCH (204) and DELETE (204) /meetings/{id},
// and GET /meetings/{id}/recordings. Meetings live in this simulator's memory, per account; ids are
// 11 digits, or past 2^53 when the topic contains "bigid", and are written into the JSON as bare
// integers, as Zoom does. A topic containing "recorded" gives an MP4 and an M4A recording; one
// containing "dailylimit" is refused with the daily rate limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { isNotFoundId, json, parseJson, randomId, RETRY_AFTER_SECONDS, stableHex } from './common';

export const ZOOM_TOKEN_PREFIX = 'eyJzaW0iOiJ6b29tIn0';
type Claims = { tag?: string; account?: string };

/** Answers what the access token itself earns (invalid, expired, no scope, rate limited) and returns null; else its claims. */
export function zoomAuth(req: IncomingMessage, res: ServerResponse, scope: string): Claims | null {
  const parts = (bearer(req) ?? '').split('.');
  let claims: Claims | null = null;
  try {
    claims = parts[0] === ZOOM_TOKEN_PREFIX ? (JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Claims) : null;
  } catch {
    claims = null;
  }
  if (!claims) json(res, 401, { code: 124, message: 'Invalid access token.' });
  else if (claims.tag === 'expired') json(res, 401, { code: 124, message: 'Access token is expired.' });
  else if (claims.tag === 'noscope') json(res, 400, { code: 4711, message: `Invalid access token, does not contain scopes:[${scope}].` });
  else if (claims.tag === 'ratelimit') {
    json(res, 429, { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' }, rateHeaders('QPS', RETRY_AFTER_SECONDS));
  } else return claims;
  return null;
}

const rateHeaders = (type: 'QPS' | 'Daily-limit', retryAfter: number) => ({
  'x-ratelimit-category': 'Medium',
  'x-ratelimit-type': type,
  'x-ratelimit-limit': type === 'QPS' ? '20' : '100',
  'x-ratelimit-remaining': '0',
  'retry-after': String(retryAfter),
});

type Meeting = Record<string, unknown> & { id: string; account: string; topic: string };

/** Zoom's JSON with meeting ids as bare integers (they may exceed 2^53, which JSON.stringify cannot write). */
function zoomJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body).replace(/"id":"(\d+)"/g, '"id":$1'));
}

/** Answers Zoom's validation error (code 300) for the field; null, so the reader can return it. */
function validation(res: ServerResponse, field: string): null {
  json(res, 400, { code: 300, message: 'Validation Failed.', errors: [{ field, message: 'Invalid field.' }] });
  return null;
}
const noMeeting = (res: ServerResponse, id: string) => json(res, 404, { code: 3001, message: `Meeting does not exist: ${id}.` });

const isTimeZone = (name: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** The fields of a create or update body, checked as Zoom checks them; the first bad one is answered. */
function readFields(res: ServerResponse, body: Record<string, unknown>, creating: boolean): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const { topic, type, start_time: start, duration, timezone, agenda, settings } = body;
  if (topic !== undefined && (typeof topic !== 'string' || topic.length > 200)) return validation(res, 'topic');
  if (type !== undefined && ![1, 2, 3, 8, 10].includes(type as number)) return validation(res, 'type');
  if (start !== undefined || (creating && (type ?? 2) === 2)) {
    const match = typeof start === 'string' ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z?)$/.exec(start) : null;
    if (!match || Number.isNaN(Date.parse(`${match[1]}Z`))) return validation(res, 'start_time');
    out.start_time = `${match[1]}Z`;
  }
  if (duration !== undefined && (!Number.isInteger(duration) || (duration as number) < 0)) return validation(res, 'duration');
  if (timezone !== undefined && (typeof timezone !== 'string' || !isTimeZone(timezone))) return validation(res, 'timezone');
  if (agenda !== undefined && (typeof agenda !== 'string' || agenda.length > 2000)) return validation(res, 'agenda');
  if (settings !== undefined) {
    const s = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : null;
    if (!s || (s.auto_recording !== undefined && !['none', 'local', 'cloud'].includes(s.auto_recording as string))) return validation(res, 'settings.auto_recording');
    out.settings = s;
  }
  for (const [k, v] of Object.entries({ topic, type, duration, timezone, agenda })) if (v !== undefined) out[k] = v;
  return out;
}

const untilMidnightUtc = () => {
  const now = new Date();
  return Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000);
};

export function zoomMeetingRoutes(): { routes: Route[]; reset: () => void } {
  const meetings = new Map<string, Meeting>();
  let seq = 0;
  const nextId = (topic: string) => {
    seq += 1;
    return /bigid/i.test(topic) ? String(9007199254740993n + BigInt(seq) * 1000n) : String(81234567890 + seq * 7919);
  };
  const find = (res: ServerResponse, claims: Claims, id: string) => {
    const meeting = meetings.get(id);
    if (meeting && meeting.account === claims.account) return meeting;
    noMeeting(res, id);
    return null;
  };
  const WRITE = 'meeting:write:meeting:admin, meeting:write:meeting:master';
  const READ = 'meeting:read:meeting:admin, meeting:read:meeting:master';
  const view = (meeting: Meeting) => Object.fromEntries(Object.entries(meeting).filter(([key]) => key !== 'account'));

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/zoom\/api\/v2\/users\/([^/]+)\/meetings$/,
      async handle({ req, res, params, body }) {
        const text = await body();
        const claims = zoomAuth(req, res, WRITE);
        if (!claims) return;
        const userId = decodeURIComponent(params[0]!);
        if (isNotFoundId(userId)) return json(res, 404, { code: 1001, message: `User does not exist: ${userId}.` });
        const parsed = parseJson(text);
        if (!parsed) return json(res, 400, { code: 300, message: 'Request Body should be a valid JSON object.' });
        const fields = readFields(res, parsed, true);
        if (!fields) return;
        const topic = typeof fields.topic === 'string' ? fields.topic : 'Zoom meeting';
        if (/dailylimit/i.test(topic)) {
          return json(res, 429, { code: 429, message: 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.' }, rateHeaders('Daily-limit', untilMidnightUtc()));
        }
        const id = nextId(topic);
        const password = stableHex(id, 6).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10));
        const meeting: Meeting = {
          uuid: `${Buffer.from(stableHex(`uuid${id}`, 32), 'hex').toString('base64')}`,
          id,
          account: claims.account ?? '',
          host_id: 'KDcuGIm1QgePTO8WbOqwIQ',
          host_email: userId.includes('@') ? userId : 'ada.admin@example.com',
          topic,
          type: fields.type ?? 2,
          status: 'waiting',
          start_time: fields.start_time,
          duration: fields.duration ?? 60,
          timezone: fields.timezone ?? 'Asia/Kolkata',
          ...(fields.agenda ? { agenda: fields.agenda } : {}),
          created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          start_url: `https://us05web.zoom.us/s/${id}?zak=eyJ0eXAiOiJKV1QiLCJzdiI6IjAwMDAwMSJ9.${randomId(24)}`,
          join_url: `https://us05web.zoom.us/j/${id}?pwd=${stableHex(`pwd${id}`, 32)}.1`,
          password,
          h323_password: password,
          pstn_password: password,
          encrypted_password: stableHex(`pwd${id}`, 32),
          settings: { host_video: false, participant_video: false, join_before_host: false, mute_upon_entry: false, waiting_room: true, auto_recording: 'none', ...(fields.settings as object | undefined) },
          pre_schedule: false,
        };
        meetings.set(id, meeting);
        zoomJson(res, 201, view(meeting));
      },
    },
    {
      method: 'GET',
      pattern: /^\/zoom\/api\/v2\/meetings\/([^/]+)$/,
      handle({ req, res, params }) {
        const claims = zoomAuth(req, res, READ);
        const meeting = claims && find(res, claims, decodeURIComponent(params[0]!));
        if (meeting) zoomJson(res, 200, view(meeting));
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/zoom\/api\/v2\/meetings\/([^/]+)$/,
      async handle({ req, res, params, body }) {
        const text = await body();
        const claims = zoomAuth(req, res, WRITE);
        const meeting = claims && find(res, claims, decodeURIComponent(params[0]!));
        if (!meeting) return;
        const parsed = parseJson(text);
        if (!parsed) return json(res, 400, { code: 300, message: 'Request Body should be a valid JSON object.' });
        const fields = readFields(res, parsed, false);
        if (!fields) return;
        const settings = { ...(meeting.settings as object), ...(fields.settings as object | undefined) };
        meetings.set(meeting.id, { ...meeting, ...fields, settings });
        res.writeHead(204).end();
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/zoom\/api\/v2\/meetings\/([^/]+)$/,
      handle({ req, res, params }) {
        const claims = zoomAuth(req, res, WRITE);
        const meeting = claims && find(res, claims, decodeURIComponent(params[0]!));
        if (!meeting) return;
        meetings.delete(meeting.id);
        res.writeHead(204).end();
      },
    },
    {
      method: 'GET',
      pattern: /^\/zoom\/api\/v2\/meetings\/([^/]+)\/recordings$/,
      handle({ req, res, params }) {
        const claims = zoomAuth(req, res, 'cloud_recording:read:list_recording_files:admin, cloud_recording:read:list_recording_files:master');
        if (!claims) return;
        const meeting = meetings.get(decodeURIComponent(params[0]!));
        if (!meeting || meeting.account !== claims.account || !/recorded/i.test(meeting.topic)) return json(res, 404, { code: 3301, message: 'This recording does not exist.' });
        const start = String(meeting.start_time);
        const end = new Date(Date.parse(start) + Number(meeting.duration) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const file = (kind: 'MP4' | 'M4A', size: number) => {
          const fileId = `${stableHex(`${meeting.id}${kind}`, 8)}-${stableHex(`${meeting.id}${kind}1`, 4)}-4${stableHex(`${meeting.id}${kind}2`, 3)}-8${stableHex(`${meeting.id}${kind}3`, 3)}-${stableHex(`${meeting.id}${kind}4`, 12)}`;
          return {
            id: fileId,
            meeting_id: meeting.uuid,
            recording_start: start,
            recording_end: end,
            file_type: kind,
            file_extension: kind,
            file_size: size,
            play_url: `https://us05web.zoom.us/rec/play/${stableHex(`play${fileId}`, 40)}`,
            download_url: `https://us05web.zoom.us/rec/download/${stableHex(`dl${fileId}`, 40)}`,
            status: 'completed',
            recording_type: kind === 'MP4' ? 'shared_screen_with_speaker_view' : 'audio_only',
          };
        };
        zoomJson(res, 200, {
          uuid: meeting.uuid,
          id: meeting.id,
          account_id: meeting.account,
          host_id: meeting.host_id,
          topic: meeting.topic,
          type: meeting.type,
          start_time: start,
          timezone: meeting.timezone,
          duration: meeting.duration,
          total_size: 48_213_337 + 3_522_010,
          recording_count: 2,
          share_url: `https://us05web.zoom.us/rec/share/${stableHex(`share${meeting.id}`, 40)}`,
          recording_files: [file('MP4', 48_213_337), file('M4A', 3_522_010)],
          password: meeting.password,
          recording_play_passcode: stableHex(`passcode${meeting.id}`, 32),
        });
      },
    },
  ];
  const reset = () => {
    meetings.clear();
    seq = 0;
  };
  return { routes, reset };
}
