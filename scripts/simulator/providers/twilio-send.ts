// Twilio sending under /twilio/2010-04-01/Accounts/{AC}: POST Messages.json (form: To, From or
// MessagingServiceSid, Body or ContentSid or MediaUrl, StatusCallback; SMS or `whatsapp:` numbers on
// both sides) → 201 with sid SM… and status queued (accepted with a Messaging Service); GET
// Messages/{sid}.json → delivered (read on WhatsApp); POST Calls.json (To, From, Url | Twiml |
// ApplicationSid) → 201 with sid CA… queued; GET Calls/{sid}.json → completed with a duration.
// Same credential gate as the account probe; recipient (To) conventions in ./sends.ts: 401 → 401
// 20003, 429 → 429 20429 (Twilio promises no Retry-After, so none), 500 → 500 20500.
// Bodies are not kept: a message read back has body null.
import type { Route, SimRequest } from '../http';
import type { Callbacks } from '../webhooks/callbacks';
import { basicCredentials, json, parseForm, seedOf, stableHex } from './common';
import { remember, type SendKind, type SentLog, sha256 } from './sends';
import { gate, twilioError } from './twilio';

type Resource = Record<string, unknown>;
type Build = (sid: string, form: Record<string, string>, now: number, account: string) => Resource;
const API = '/2010-04-01';

/** Twilio's RFC 2822 dates: "Thu, 15 Jan 2026 10:30:00 +0000". */
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

function messageProblem(form: Record<string, string>): [number, string] | null {
  const to = form.To?.trim();
  const from = form.From?.trim();
  if (!to) return [21604, "A 'To' phone number is required."];
  if (!from && !form.MessagingServiceSid) return [21603, "A 'From' phone number is required."];
  if (!form.Body && !form.ContentSid && !form.MediaUrl) return [21602, 'Message body is required.'];
  if ((form.Body ?? '').length > 1600) return [21617, 'The concatenated message body exceeds the 1600 character limit.'];
  if (from && to.startsWith('whatsapp:') !== from.startsWith('whatsapp:')) {
    return [21910, 'Invalid From and To pair. From and To should be of the same channel'];
  }
  return null;
}

function callProblem(form: Record<string, string>): [number, string] | null {
  if (!form.To?.trim()) return [21201, "No 'To' number is specified"];
  if (!form.From?.trim()) return [21213, "No 'From' number is specified"];
  if (!form.Url && !form.Twiml && !form.ApplicationSid) return [21205, 'Url parameter is required.'];
  return null;
}

export function twilioSendRoutes(sends: SentLog, callbacks: Callbacks): { routes: Route[]; reset: () => void } {
  const stored = new Map<string, Resource>();

  /** One create: gate, validation, recipient conventions, record, 201. */
  const create = (kind: SendKind, problemOf: (form: Record<string, string>) => [number, string] | null, build: Build) =>
    async function handle({ req, res, params, url, body }: SimRequest) {
      const account = decodeURIComponent(params[0]!);
      const text = await body();
      const bodySha256 = sha256(text);
      const form = parseForm(text);
      const to = form.To ?? '';
      const log = sends.recorder(res, { provider: 'twilio', kind, to, bodySha256 });

      if (await gate(res, req, account, url.pathname.replace(/^\/twilio/, ''))) return log();
      const problem = problemOf(form);
      if (problem) {
        twilioError(res, 400, ...problem);
        return log();
      }
      const behaviour = sends.behaviour('twilio', [to], bodySha256);
      if (behaviour === 'unauthorized') twilioError(res, 401, 20003, 'Authenticate');
      else if (behaviour === 'rate_limited') twilioError(res, 429, 20429, 'Too Many Requests');
      else if (behaviour === 'server_error') twilioError(res, 500, 20500, 'Internal Server Error');
      if (res.headersSent) return log();

      const now = sends.now();
      const sid = `${kind === 'call' ? 'CA' : 'SM'}${stableHex(`${account}:${now}:${Math.random()}`, 32)}`;
      const resource = build(sid, form, now, account);
      remember(stored, `${account}/${sid}`, { ...resource, body: null });
      log('accepted', sid);
      // The status callbacks are signed with the Auth Token this request authenticated with.
      callbacks.twilio(kind === 'call' ? 'call' : 'message', sid, form.StatusCallback ?? null, basicCredentials(req)?.pass ?? '', to.startsWith('whatsapp:'));
      if (behaviour === 'slow' && !(await sends.waitSlow(res))) return;
      json(res, 201, resource);
    };

  const message: Build = (sid, form, now, account) => {
    const viaService = !form.From && Boolean(form.MessagingServiceSid);
    return {
      account_sid: account,
      api_version: '2010-04-01',
      body: form.Body ?? '',
      date_created: rfc2822(now),
      date_sent: null,
      date_updated: rfc2822(now),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: form.MediaUrl ? '1' : '0',
      num_segments: String(Math.max(1, Math.ceil((form.Body ?? '').length / 153))),
      price: null,
      price_unit: 'USD',
      sid,
      status: viaService ? 'accepted' : 'queued',
      subresource_uris: { media: `${API}/Accounts/${account}/Messages/${sid}/Media.json` },
      to: form.To,
      uri: `${API}/Accounts/${account}/Messages/${sid}.json`,
    };
  };

  const call: Build = (sid, form, now, account) => {
    return {
      account_sid: account,
      annotation: null,
      answered_by: null,
      api_version: '2010-04-01',
      caller_name: null,
      date_created: rfc2822(now),
      date_updated: rfc2822(now),
      direction: 'outbound-api',
      duration: null,
      end_time: null,
      forwarded_from: null,
      from: form.From,
      from_formatted: form.From,
      group_sid: null,
      parent_call_sid: null,
      phone_number_sid: `PN${stableHex(`${account}:${form.From}`, 32)}`,
      price: null,
      price_unit: 'USD',
      queue_time: '0',
      sid,
      start_time: null,
      status: 'queued',
      subresource_uris: { recordings: `${API}/Accounts/${account}/Calls/${sid}/Recordings.json` },
      to: form.To,
      to_formatted: form.To,
      trunk_sid: null,
      uri: `${API}/Accounts/${account}/Calls/${sid}.json`,
    };
  };

  /** A stored send as the provider reports it later: delivered, or a completed call. */
  const read = (kind: SendKind) =>
    async function handle({ req, res, params, url }: SimRequest) {
      const account = decodeURIComponent(params[0]!);
      const path = url.pathname.replace(/^\/twilio/, '');
      if (await gate(res, req, account, path)) return;
      const resource = stored.get(`${account}/${decodeURIComponent(params[1]!)}`);
      if (!resource) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
      const created = Date.parse(String(resource.date_created));
      if (kind === 'message') {
        const whatsapp = String(resource.to).startsWith('whatsapp:');
        return json(res, 200, { ...resource, status: whatsapp ? 'read' : 'delivered', date_sent: rfc2822(created + 1000), price: '-0.00790' });
      }
      const duration = 20 + (seedOf(String(resource.sid)) % 240);
      json(res, 200, {
        ...resource,
        status: 'completed',
        start_time: rfc2822(created + 2000),
        end_time: rfc2822(created + 2000 + duration * 1000),
        duration: String(duration),
        price: '-0.01300',
      });
    };

  const base = '^\\/twilio\\/2010-04-01\\/Accounts\\/([^/]+)';
  const routes: Route[] = [
    { method: 'POST', pattern: new RegExp(`${base}\\/Messages\\.json$`), handle: create('message', messageProblem, message) },
    { method: 'GET', pattern: new RegExp(`${base}\\/Messages\\/([^/]+)\\.json$`), handle: read('message') },
    { method: 'POST', pattern: new RegExp(`${base}\\/Calls\\.json$`), handle: create('call', callProblem, call) },
    { method: 'GET', pattern: new RegExp(`${base}\\/Calls\\/([^/]+)\\.json$`), handle: read('call') },
  ];
  return { routes, reset: () => stored.clear() };
}
