// Exotel sending, both clusters (/exotel/sg, /exotel/in), Basic key:token, form bodies, `.json` paths:
//   POST /v1/Accounts/{sid}/Calls/connect.json  From (agent), To (customer), CallerId (ExoPhone),
//        Record, CustomField, StatusCallback… → 200 {"Call":{Sid, Status:"in-progress", Duration:null…}}
//   GET  /v1/Accounts/{sid}/Calls/{CallSid}.json → the call completed, Duration and Price filled in
//        (?details=true adds Details with both legs)
//   POST /v1/Accounts/{sid}/Sms/send.json  From, To, Body, DltTemplateId… → 200 {"SMSMessage":{Status:"queued"…}}
//   GET  /v1/Accounts/{sid}/SMS/Messages/{SmsSid}.json → sent, delivered to the handset
// Errors are RestException bodies. The customer's number (To) takes the recipient conventions of
// ./sends.ts: 401 → 401, 429 → 429 (Exotel sends no Retry-After), 500 → 500. WhatsApp v2 is in
// ./exotel-whatsapp.ts. Bodies are not kept: an SMS read back has Body null.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route, SimRequest } from '../http';
import type { Callbacks } from '../webhooks/callbacks';
import { basicCredentials, isNotFoundId, json, markerOf, parseForm, RETRY_AFTER_SECONDS, seedOf, stableHex, waitSlow } from './common';
import { unauthorized } from './exotel';
import { exotelWhatsAppRoutes } from './exotel-whatsapp';
import { remember, type SendKind, type SentLog, sha256 } from './sends';

type Resource = Record<string, unknown>;

const restException = (Status: number, Message: string) => ({ RestException: { Status, Message } });

/** Exotel's timestamps: India time, "2026-01-15 10:30:00". */
export const exotelTime = (ms: number) => new Date(ms + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');

/** The v1 credential gate (value conventions of index.ts); true when a reply was sent. */
async function v1Gate(res: ServerResponse, req: IncomingMessage, sid: string): Promise<boolean> {
  const auth = basicCredentials(req);
  const marker = auth?.pass ? markerOf(auth.pass) : 'bad';
  if (!auth?.user || marker === 'bad' || marker === 'expired') {
    json(res, 401, unauthorized);
    return true;
  }
  if (marker === 'ratelimit') {
    json(res, 429, restException(429, 'Too Many Requests'), { 'retry-after': String(RETRY_AFTER_SECONDS) });
    return true;
  }
  if (isNotFoundId(sid)) {
    json(res, 403, restException(403, 'Not permitted: this account is not authorized for this resource.'));
    return true;
  }
  return marker === 'slow' && !(await waitSlow(res));
}

const REQUIRED: Record<'call' | 'message', readonly string[]> = { call: ['From', 'To', 'CallerId'], message: ['From', 'To', 'Body'] };

export function exotelSendRoutes(sends: SentLog, callbacks: Callbacks): { routes: Route[]; reset: () => void } {
  const stored = new Map<string, Resource>();

  const create = (kind: 'call' | 'message') =>
    async function handle({ req, res, params, body }: SimRequest) {
      const account = decodeURIComponent(params[1]!);
      const text = await body();
      const bodySha256 = sha256(text);
      const form = parseForm(text);
      const to = form.To ?? '';
      const log = sends.recorder(res, { provider: 'exotel', kind, to, bodySha256 });

      if (await v1Gate(res, req, account)) return log();
      const missing = REQUIRED[kind].find((field) => !form[field]?.trim());
      if (missing) {
        json(res, 400, restException(400, `Missing required parameter '${missing}'`));
        return log();
      }
      if (kind === 'call' && Number(form.TimeLimit ?? 0) > 14_400) {
        json(res, 400, restException(400, 'TimeLimit cannot be more than 14400 seconds'));
        return log();
      }
      const behaviour = sends.behaviour('exotel', [to], bodySha256);
      if (behaviour === 'unauthorized') json(res, 401, unauthorized);
      else if (behaviour === 'rate_limited') json(res, 429, restException(429, 'Too Many Requests'));
      else if (behaviour === 'server_error') json(res, 500, restException(500, 'Internal Server Error'));
      if (res.headersSent) return log();

      const now = sends.now();
      const sid = stableHex(`${account}:${kind}:${now}:${Math.random()}`, 32);
      const resource = kind === 'call' ? callOf(account, sid, form, now) : smsOf(account, sid, form, now);
      remember(stored, `${account}/${kind}/${sid}`, { ...resource, ...(kind === 'message' ? { Body: null } : {}) });
      log('accepted', sid);
      // The same conversation length the details API reports for this sid.
      callbacks.exotel(kind === 'call' ? 'call' : 'sms', sid, form.StatusCallback ?? null, form.CustomField ?? null, 20 + (seedOf(sid) % 240));
      if (behaviour === 'slow' && !(await sends.waitSlow(res))) return;
      json(res, 200, kind === 'call' ? { Call: resource } : { SMSMessage: resource });
    };

  const read = (kind: SendKind) =>
    async function handle({ req, res, params, url }: SimRequest) {
      const account = decodeURIComponent(params[1]!);
      if (await v1Gate(res, req, account)) return;
      const sid = decodeURIComponent(params[2]!);
      const resource = stored.get(`${account}/${kind}/${sid}`);
      if (!resource) return json(res, 404, restException(404, `${kind === 'call' ? 'Call' : 'SMS'} ${sid} not found`));
      const created = Date.parse(`${String(resource.DateCreated).replace(' ', 'T')}+05:30`);
      if (kind === 'message') {
        return json(res, 200, {
          SMSMessage: { ...resource, Status: 'sent', DetailedStatusCode: 20005, DetailedStatus: 'DELIVERED_TO_HANDSET', DateSent: exotelTime(created + 2000), Price: '0.200000', SmsUnits: 1 },
        });
      }
      const talk = 20 + (seedOf(sid) % 240);
      const call: Resource = {
        ...resource,
        Status: 'completed',
        DateUpdated: exotelTime(created + (talk + 15) * 1000),
        StartTime: exotelTime(created),
        EndTime: exotelTime(created + (talk + 15) * 1000),
        Duration: talk + 15,
        Price: ((talk + 15) / 60 * 0.6).toFixed(2),
      };
      if (url.searchParams.get('details') === 'true') {
        call.Details = {
          ConversationDuration: talk,
          Leg1Status: 'completed',
          Leg2Status: 'completed',
          Legs: [
            { Leg: { Id: 1, OnCallDuration: talk + 10 } },
            { Leg: { Id: 2, OnCallDuration: talk } },
          ],
        };
      }
      json(res, 200, { Call: call });
    };

  const whatsapp = exotelWhatsAppRoutes(sends, callbacks);
  const routes: Route[] = [
    { method: 'POST', pattern: /^\/exotel\/(sg|in)\/v1\/Accounts\/([^/]+)\/Calls\/connect\.json$/, handle: create('call') },
    { method: 'GET', pattern: /^\/exotel\/(sg|in)\/v1\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/, handle: read('call') },
    { method: 'POST', pattern: /^\/exotel\/(sg|in)\/v1\/Accounts\/([^/]+)\/Sms\/send\.json$/, handle: create('message') },
    { method: 'GET', pattern: /^\/exotel\/(sg|in)\/v1\/Accounts\/([^/]+)\/SMS\/Messages\/([^/]+)\.json$/, handle: read('message') },
    ...whatsapp,
  ];
  return { routes, reset: () => stored.clear() };
}

function callOf(account: string, sid: string, form: Record<string, string>, now: number): Resource {
  return {
    Sid: sid,
    ParentCallSid: null,
    DateCreated: exotelTime(now),
    DateUpdated: exotelTime(now),
    AccountSid: account,
    To: form.To,
    From: form.From,
    PhoneNumberSid: form.CallerId,
    Status: 'in-progress',
    StartTime: exotelTime(now),
    EndTime: null,
    Duration: null,
    Price: null,
    Direction: 'outbound-api',
    AnsweredBy: null,
    ForwardedFrom: null,
    CallerName: null,
    Uri: `/v1/Accounts/${account}/Calls/${sid}.json`,
    RecordingUrl: null,
    CustomField: form.CustomField ?? null,
  };
}

function smsOf(account: string, sid: string, form: Record<string, string>, now: number): Resource {
  return {
    Sid: sid,
    AccountSid: account,
    From: `${form.From}/${account}`,
    To: form.To,
    DateCreated: exotelTime(now),
    DateUpdated: exotelTime(now),
    DateSent: null,
    Body: form.Body,
    Direction: 'outbound-api',
    Uri: `/v1/Accounts/${account}/SMS/Messages/${sid}.json`,
    ApiVersion: null,
    Price: null,
    Status: 'queued',
    DetailedStatusCode: 21010,
    DetailedStatus: 'PENDING_TO_OPERATOR',
    SmsUnits: null,
    CustomField: form.CustomField ?? null,
  };
}
