// Exotel WhatsApp v2: POST /exotel/{sg|in}/v2/accounts/{sid}/messages, Basic key:token, JSON
// {custom_data?, status_callback?, whatsapp:{messages:[{from, to, content:{type:"text"|"template"…}}]}}.
// 202 with the v2 envelope and one result per message ({code:202, status:"success", data:{sid}});
// errors are v2 envelopes (error_data {code, message, description}): 401 code 1010, 400 code 1002,
// 403 code 1003 (another account), 429 code 1008. Recipient conventions (./sends.ts) over every `to`:
// 401 → 401, 429 → 429 without Retry-After, 500 → 500 (code 1005: Exotel documents none for it).
import type { Route } from '../http';
import type { Callbacks } from '../webhooks/callbacks';
import { basicCredentials, isNotFoundId, json, markerOf, parseJson, RETRY_AFTER_SECONDS, stableHex, waitSlow } from './common';
import { envelope } from './exotel';
import { outcomeOf, type SentLog, sha256 } from './sends';

const obj = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The first thing wrong with one message, or null. */
function problemWith(message: Record<string, unknown> | null, i: number): string | null {
  if (!message) return `whatsapp.messages[${i}] must be an object`;
  if (!str(message.from)) return `whatsapp.messages[${i}].from is required`;
  if (!str(message.to)) return `whatsapp.messages[${i}].to is required`;
  const content = obj(message.content);
  if (!content) return `whatsapp.messages[${i}].content is required`;
  if (content.type === 'text') return str(obj(content.text)?.body) ? null : `whatsapp.messages[${i}].content.text.body is required`;
  if (content.type === 'template') {
    const template = obj(content.template);
    if (!str(template?.name)) return `whatsapp.messages[${i}].content.template.name is required`;
    return str(obj(template?.language)?.code) ? null : `whatsapp.messages[${i}].content.template.language.code is required`;
  }
  return typeof content.type === 'string' && obj(content[content.type]) ? null : `whatsapp.messages[${i}].content.type is invalid`;
}

export function exotelWhatsAppRoutes(sends: SentLog, callbacks: Callbacks): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/exotel\/(sg|in)\/v2\/accounts\/([^/]+)\/messages$/,
      async handle({ req, res, params, body }) {
        const account = decodeURIComponent(params[1]!);
        const text = await body();
        const bodySha256 = sha256(text);
        const input = parseJson(text);
        const raw = obj(input?.whatsapp)?.messages;
        const messages = Array.isArray(raw) ? raw.map(obj) : [];
        const recipients = messages.map((m) => (typeof m?.to === 'string' ? m.to : ''));
        const fail = (status: number, code: number, message: string, description: string, headers: Record<string, string> = {}) => {
          json(res, status, envelope(status, code, message, description, 'POST'), headers);
          sends.record({ provider: 'exotel', kind: 'message', to: recipients.join(','), providerId: null, bodySha256, outcome: outcomeOf(status) });
        };

        const auth = basicCredentials(req);
        const marker = auth?.pass ? markerOf(auth.pass) : 'bad';
        if (!auth?.user || marker === 'bad' || marker === 'expired') return fail(401, 1010, 'Authorization failed', 'Invalid API key or token.');
        if (marker === 'ratelimit') {
          return fail(429, 1008, 'Too many requests', 'API rate limit exceeded for this account.', { 'retry-after': String(RETRY_AFTER_SECONDS) });
        }
        if (isNotFoundId(account)) return fail(403, 1003, 'Not permitted', 'You are not authorized to access this resource.');
        if (marker === 'slow' && !(await waitSlow(res))) return;

        if (messages.length === 0) return fail(400, 1001, 'Missing parameter', 'whatsapp.messages is required and must not be empty');
        const problem = messages.map(problemWith).find(Boolean);
        if (problem) return fail(400, 1002, 'Invalid parameter', problem);

        const behaviour = sends.behaviour('exotel', recipients, bodySha256);
        if (behaviour === 'unauthorized') return fail(401, 1010, 'Authorization failed', 'Invalid API key or token.');
        if (behaviour === 'rate_limited') return fail(429, 1008, 'Too many requests', 'API rate limit exceeded for this account.');
        if (behaviour === 'server_error') return fail(500, 1005, 'Internal server error', 'Something went wrong, please try again.');

        const sids = recipients.map((to) => {
          const sid = stableHex(`${account}:wa:${to}:${sends.now()}:${Math.random()}`, 32);
          sends.record({ provider: 'exotel', kind: 'message', to, providerId: sid, bodySha256, outcome: 'accepted' });
          callbacks.exotel('whatsapp', sid, typeof input?.status_callback === 'string' ? input.status_callback : null, typeof input?.custom_data === 'string' ? input.custom_data : null);
          return sid;
        });
        if (behaviour === 'slow' && !(await sends.waitSlow(res))) return;
        json(res, 202, {
          request_id: stableHex(`${Date.now()}${Math.random()}`, 32),
          method: 'POST',
          http_code: 202,
          response: { whatsapp: { messages: sids.map((sid) => ({ code: 202, status: 'success', error_data: null, data: { sid } })) } },
        });
      },
    },
  ];
}
