// Resend sending under /resend (Bearer re_…, a User-Agent header required as Resend's edge does:
// without one, 403 "error code: 1010"):
//   POST /emails        {from, to (≤50), subject, html|text|template, tags…} → 200 {id}
//   POST /emails/batch  an array of ≤100 such emails, validated whole → 200 {data:[{id}…]}
//   GET  /emails/{id}   {object:"email", id, from, to, created_at, last_event:"delivered"…}
// The sender's domain must be verified (example.com, acme.example; resend.dev for testing): else
// 403 validation_error. Errors are {statusCode, name, message}.
//
// Idempotency-Key (1–256 chars, else 400 invalid_idempotency_key), per API key and endpoint, kept
// 24 h: the same key and body answer the first reply again without sending (recorded as
// `replayed`); another body → 409 invalid_idempotent_request; while the first is still being
// answered (a slow recipient) → 409 concurrent_idempotent_requests. Only sends Resend accepted keep
// their key, so a request refused with 429/5xx can be retried with the same key.
// Recipient conventions (./sends.ts) over every `to`: 401 → 403 invalid_api_key, 429 → 429
// rate_limit_exceeded with retry-after: 1 and the ratelimit-* headers, 500 → 500 application_error.
import { randomUUID } from 'node:crypto';
import { bearer, type Route, type SimRequest } from '../http';
import { json } from './common';
import { DOMAINS, keyGate, resendError } from './resend';
import { remember, type SentLog, sha256 } from './sends';
import type { Callbacks } from '../webhooks/callbacks';

const DAY_MS = 24 * 60 * 60 * 1000;
const RATE_HEADERS = { 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '1' };

type Email = Record<string, unknown>;
interface Remembered {
  bodySha256: string;
  at: number;
  /** Absent while the first request is still being answered. */
  reply?: { body: unknown; sent: { id: string; to: string }[] };
}

const obj = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Email) : null);
const recipientsOf = (email: unknown): string[] => {
  const to = obj(email)?.to;
  return (Array.isArray(to) ? to : [to]).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
};
const addressOf = (from: string) => (/<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? (/^[^<>\s]+@[^<>\s]+$/.test(from.trim()) ? from.trim() : null));

/** The first thing wrong with one email: [status, name, message], or null. */
function problemWith(email: Email | null): [number, string, string] | null {
  if (!email) return [422, 'validation_error', 'Invalid email: expected an object.'];
  if (typeof email.from !== 'string' || !email.from.trim()) return [422, 'missing_required_field', 'Missing `from` field.'];
  const address = addressOf(email.from);
  if (!address) return [422, 'invalid_from_address', 'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.'];
  const to = recipientsOf(email);
  if (to.length === 0) return [422, 'missing_required_field', 'Missing `to` field.'];
  if (to.length > 50) return [422, 'validation_error', 'Invalid `to` field. The maximum number of recipients is 50.'];
  if (typeof email.subject !== 'string' || !email.subject) return [422, 'missing_required_field', 'Missing `subject` field.'];
  const domain = address.split('@')[1]!.toLowerCase();
  // Read when called: this module and ./resend.ts import each other.
  if (domain !== 'resend.dev' && !DOMAINS.some((d) => d.name === domain && d.status === 'verified')) {
    return [403, 'validation_error', `The ${domain} domain is not verified. Please, add and verify your domain on https://resend.com/domains`];
  }
  return null;
}

export function resendSendRoutes(sends: SentLog, callbacks: Callbacks): { routes: Route[]; reset: () => void } {
  const keys = new Map<string, Remembered>();
  const emails = new Map<string, { from: string; to: string[]; created_at: string }>();

  const send = (batch: boolean) =>
    async function handle({ req, res, url, body }: SimRequest) {
      const text = await body();
      const bodySha256 = sha256(text);
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Answered as a validation error below.
      }
      const items: unknown[] = batch ? (Array.isArray(parsed) ? parsed : []) : [parsed];
      const to = items.flatMap(recipientsOf);
      const header = req.headers['idempotency-key'];
      const idempotencyKey = Array.isArray(header) ? header[0] : header;
      const idem = idempotencyKey === undefined ? {} : { idempotencyKey };
      const log = sends.recorder(res, { provider: 'resend', kind: 'email', to: to.join(','), bodySha256, ...idem });
      const fail = (status: number, name: string, message: string, headers: Record<string, string> = {}) => {
        resendError(res, status, name, message, headers);
        // A 403 is a refused key only when it says so (an unverified domain is a 403 too).
        log(status === 403 && name !== 'invalid_api_key' ? 'rejected' : undefined);
      };

      const apiKey = bearer(req);
      if (await keyGate(res, apiKey, 'send')) return log();
      if (!req.headers['user-agent']) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end('error code: 1010');
        return log('rejected');
      }
      if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
        return fail(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
      }
      const slot = idempotencyKey === undefined ? null : `${apiKey}\n${url.pathname}\n${idempotencyKey}`;
      const prior = slot ? keys.get(slot) : undefined;
      if (slot && prior && sends.now() - prior.at < DAY_MS) {
        if (prior.bodySha256 !== bodySha256) {
          return fail(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload. Change your idempotency key or payload.');
        }
        if (!prior.reply) {
          return fail(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress. Try the request again later.');
        }
        for (const sent of prior.reply.sent) sends.record({ provider: 'resend', kind: 'email', to: sent.to, providerId: sent.id, bodySha256, outcome: 'replayed', ...idem });
        return json(res, 200, prior.reply.body, RATE_HEADERS);
      }

      if (batch && !Array.isArray(parsed)) return fail(422, 'validation_error', 'The request body must be an array of emails.');
      if (batch && items.length === 0) return fail(422, 'validation_error', 'The batch must contain at least 1 email.');
      if (batch && items.length > 100) return fail(422, 'validation_error', 'Too many emails in the batch. The maximum is 100.');
      if (!batch && !obj(parsed)) return fail(422, 'validation_error', 'The request body must be a JSON object.');
      const problem = items.map((item) => problemWith(obj(item))).find(Boolean);
      if (problem) return fail(...problem);

      const behaviour = sends.behaviour('resend', to, bodySha256);
      if (behaviour === 'unauthorized') return fail(403, 'invalid_api_key', 'API key is invalid');
      if (behaviour === 'rate_limited') {
        return fail(429, 'rate_limit_exceeded', 'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information.', {
          'ratelimit-limit': '2',
          'ratelimit-remaining': '0',
          'ratelimit-reset': '1',
          'retry-after': '1',
        });
      }
      if (behaviour === 'server_error') return fail(500, 'application_error', 'An unexpected error occurred.');

      const at = sends.now();
      if (slot) remember(keys, slot, { bodySha256, at });
      const sent = items.map((item) => {
        const email = obj(item)!;
        const id = randomUUID();
        const recipients = recipientsOf(email);
        remember(emails, id, { from: String(email.from), to: recipients, created_at: new Date(at).toISOString().replace('Z', '+00:00') });
        const itemSha = batch ? sha256(JSON.stringify(item)) : bodySha256;
        sends.record({ provider: 'resend', kind: 'email', to: recipients.join(','), providerId: id, bodySha256: itemSha, outcome: 'accepted', at, ...idem });
        // Resend's events carry the send's tags as an object (they are a list of {name, value} in the send).
        const tags = Object.fromEntries(
          (Array.isArray(email.tags) ? email.tags : []).flatMap((t: unknown) => {
            const tag = obj(t);
            return tag && typeof tag.name === 'string' && typeof tag.value === 'string' ? [[tag.name, tag.value]] : [];
          }),
        );
        callbacks.resendEmail(id, recipients, tags);
        return { id, to: recipients.join(',') };
      });
      const reply = batch ? { data: sent.map(({ id }) => ({ id })) } : { id: sent[0]!.id };
      const answered = behaviour !== 'slow' || (await sends.waitSlow(res));
      if (slot) remember(keys, slot, { bodySha256, at, reply: { body: reply, sent } });
      if (answered) json(res, 200, reply, RATE_HEADERS);
    };

  const routes: Route[] = [
    { method: 'POST', pattern: /^\/resend\/emails$/, handle: send(false) },
    { method: 'POST', pattern: /^\/resend\/emails\/batch$/, handle: send(true) },
    {
      method: 'GET',
      pattern: /^\/resend\/emails\/([^/]+)$/,
      async handle({ req, res, params }) {
        if (await keyGate(res, bearer(req), 'read')) return;
        const id = decodeURIComponent(params[0]!);
        const email = emails.get(id);
        if (!email) return resendError(res, 404, 'not_found', 'Email not found');
        // Subjects and bodies are not kept by the simulator.
        json(res, 200, { object: 'email', id, ...email, subject: null, html: null, text: null, bcc: null, cc: null, reply_to: null, last_event: 'delivered', scheduled_at: null }, RATE_HEADERS);
      },
    },
  ];
  return {
    routes,
    reset: () => {
      keys.clear();
      emails.clear();
    },
  };
}
