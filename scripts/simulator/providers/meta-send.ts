// Meta WhatsApp Cloud API sending: POST /graph/v{NN}.0/{phone_number_id}/messages (Bearer, JSON),
// text and template messages (other types are accepted with an object under their type's name).
// Answers 200 {messaging_product, contacts:[{input, wa_id}], messages:[{id: "wamid.…",
// message_status: "accepted"}]}; errors are Graph error bodies keyed on `code`, never with
// Retry-After. Besides the token conventions and the recipient ones (./sends.ts):
//   recipient 401  → 401 #190 with WWW-Authenticate (a revoked token)
//   recipient 429  → 429 #130429 throughput (Meta's older table says HTTP 400: clients key on code)
//   recipient 500  → 500 #131000 "Something went wrong"
//   template name containing "missing" → 404 #132001 (template or translation does not exist)
//   bad parameters → 400 #100; a non-numeric phone number id → 400 #100 subcode 33
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { json, parseJson } from './common';
import { graphError, tokenGate, unsupported } from './meta';
import { type SentLog, sha256 } from './sends';
import type { Callbacks } from '../webhooks/callbacks';

const TYPES = ['audio', 'contacts', 'document', 'image', 'interactive', 'location', 'reaction', 'sticker', 'template', 'text', 'video'];

function sendError(res: ServerResponse, status: number, code: number, message: string, details: string, extra: Record<string, unknown> = {}) {
  graphError(res, status, { message: `(#${code}) ${message}`, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details }, ...extra });
}

const invalid = (res: ServerResponse, details: string) => sendError(res, 400, 100, details, details);

const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
const obj = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);

/** The first thing wrong with a send body, as Meta words it, or null. */
function problemWith(input: Record<string, unknown> | null): string | null {
  if (!input) return 'The parameter messaging_product is required.';
  const product = input.messaging_product;
  if (product === undefined) return 'The parameter messaging_product is required.';
  if (product !== 'whatsapp') return `Param messaging_product must be one of {WHATSAPP} - got "${String(product)}".`;
  if (!str(input.to)) return 'The parameter to is required.';
  const type = input.type ?? 'text';
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    return `Param type must be one of {${TYPES.map((t) => t.toUpperCase()).join(', ')}} - got "${String(type)}".`;
  }
  const content = obj(input[type]);
  if (!content) return `The parameter ${type} is required.`;
  if (type === 'text' && !str(content.body)) return "The parameter text['body'] is required.";
  if (type === 'template') {
    if (!str(content.name)) return "The parameter template['name'] is required.";
    if (!str(obj(content.language)?.code)) return "The parameter template['language'] is required.";
  }
  return null;
}

export function metaSendRoutes(sends: SentLog, callbacks: Callbacks): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/graph\/v\d+\.\d+\/([^/]+)\/messages$/,
      async handle({ req, res, params, body }) {
        const text = await body();
        const bodySha256 = sha256(text);
        const input = parseJson(text);
        const to = typeof input?.to === 'string' ? input.to : '';
        const log = sends.recorder(res, { provider: 'meta', kind: 'message', to, bodySha256 });

        if (await tokenGate(res, bearer(req))) return log();
        const phoneNumberId = decodeURIComponent(params[0]!);
        if (!/^\d+$/.test(phoneNumberId) || phoneNumberId.toLowerCase().includes('notfound')) {
          unsupported(res, phoneNumberId, 'post');
          return log();
        }
        const problem = problemWith(input);
        if (problem) {
          invalid(res, problem);
          return log();
        }
        const template = input!.type === 'template' ? obj(input!.template) : null;
        if (template && String(template.name).toLowerCase().includes('missing')) {
          const language = String(obj(template.language)?.code);
          sendError(res, 404, 132001, 'Template name does not exist in the translation', `template name (${String(template.name)}) does not exist in ${language}`);
          return log();
        }

        const behaviour = sends.behaviour('meta', [to], bodySha256);
        if (behaviour === 'unauthorized') {
          graphError(res, 401, { message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', type: 'OAuthException', code: 190, error_subcode: 460 }, {
            'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: The session has been invalidated"',
          });
          return log();
        }
        if (behaviour === 'rate_limited') {
          sendError(res, 429, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.');
          return log();
        }
        if (behaviour === 'server_error') {
          sendError(res, 500, 131000, 'Something went wrong', 'Something went wrong. Please try again later.');
          return log();
        }

        const waId = to.replace(/\D/g, '');
        const id = `wamid.HBgL${Buffer.concat([Buffer.from(waId), randomBytes(18)]).toString('base64').replace(/=+$/, '')}`;
        log('accepted', id);
        callbacks.metaMessage(id, to, str(input!.biz_opaque_callback_data), phoneNumberId);
        if (behaviour === 'slow' && !(await sends.waitSlow(res))) return;
        json(res, 200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: to, wa_id: waId }],
          messages: [{ id, message_status: 'accepted' }],
        });
      },
    },
  ];
}
