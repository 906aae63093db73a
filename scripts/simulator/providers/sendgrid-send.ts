// SendGrid sending: POST /sendgrid(-eu)/v3/mail/send (Bearer SG.…, JSON {personalizations:[{to:[{email}],
// custom_args?}], from:{email, name?}, subject, content:[{type, value}] or template_id}) → 202 with an
// empty body and the message id in X-Message-Id. Errors are {errors:[{message, field, help}]}; 429
// carries X-RateLimit-Reset (epoch seconds) and no Retry-After, as SendGrid answers. Key conventions
// as for /v3/scopes (noscope → 403 "access forbidden": the key lacks mail.send); recipient
// conventions (./sends.ts) over every `to`: 401 → 401, 429 → 429 reset 1 s ahead, 500 → 500.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { json, markerOf, parseJson, RETRY_AFTER_SECONDS, waitSlow } from './common';
import { type SentLog, sha256 } from './sends';
import type { Callbacks } from '../webhooks/callbacks';

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';

interface SgError {
  message: string;
  field: string | null;
  help: string | null;
}

const errors = (res: ServerResponse, status: number, list: SgError[], headers: Record<string, string> = {}) => json(res, status, { errors: list }, headers);
const one = (message: string, field: string | null = null, help: string | null = null): SgError[] => [{ message, field, help }];
const rateLimited = (res: ServerResponse, resetInSeconds: number) =>
  errors(res, 429, one('too many requests'), {
    'x-ratelimit-limit': '600',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
  });

const obj = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const list = (value: unknown) => (Array.isArray(value) ? value.map(obj) : []);

/** What SendGrid's validation would say about a body (every problem, as it does). */
function problemsWith(input: Record<string, unknown> | null): SgError[] {
  if (!input) return one('Bad Request', null, null);
  const found: SgError[] = [];
  const personalizations = list(input.personalizations);
  if (personalizations.length === 0) {
    found.push(...one('The personalizations field is required and must have at least one personalization.', 'personalizations', `${HELP}#-Personalizations-Errors`));
  }
  personalizations.forEach((p, i) => {
    const to = list(p?.to);
    if (to.length === 0 || to.some((t) => typeof t?.email !== 'string' || !t.email.includes('@'))) {
      found.push(...one('The to array is required for all personalization objects, and must have at least one email object with a valid email address.', `personalizations.${i}.to`, `${HELP}#message.personalizations.to`));
    }
  });
  const from = obj(input.from);
  if (typeof from?.email !== 'string' || !from.email.includes('@')) {
    found.push(...one('The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.', 'from.email', `${HELP}#message.from`));
  }
  const templated = typeof input.template_id === 'string' && input.template_id !== '';
  if (!templated && typeof input.subject !== 'string' && !personalizations.every((p) => typeof p?.subject === 'string')) {
    found.push(...one('The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', 'subject', `${HELP}#message.subject`));
  }
  if (!templated && list(input.content).filter((c) => typeof c?.value === 'string' && c.value !== '').length === 0) {
    found.push(
      ...one(
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
        'content',
        `${HELP}#message.content`,
      ),
    );
  }
  return found;
}

export function sendgridSendRoutes(sends: SentLog, callbacks: Callbacks): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/sendgrid(-eu)?\/v3\/mail\/send$/,
      async handle({ req, res, body }) {
        const text = await body();
        const bodySha256 = sha256(text);
        const input = parseJson(text);
        const to = list(input?.personalizations).flatMap((p) => list(p?.to).map((t) => (typeof t?.email === 'string' ? t.email : '')));
        const log = sends.recorder(res, { provider: 'sendgrid', kind: 'email', to: to.join(','), bodySha256 });

        const key = bearer(req);
        const marker = key ? markerOf(key) : null;
        if (!key) errors(res, 401, one('authorization required'));
        else if (marker === 'bad' || marker === 'expired') errors(res, 401, one('The provided authorization grant is invalid, expired, or revoked'));
        else if (marker === 'noscope') errors(res, 403, one('access forbidden'));
        else if (marker === 'ratelimit') rateLimited(res, RETRY_AFTER_SECONDS);
        else if (marker === 'slow' && !(await waitSlow(res))) return;
        if (res.headersSent) return log();

        const problems = problemsWith(input);
        if (problems.length > 0) {
          errors(res, 400, problems);
          return log();
        }
        const behaviour = sends.behaviour('sendgrid', to, bodySha256);
        if (behaviour === 'unauthorized') errors(res, 401, one('The provided authorization grant is invalid, expired, or revoked'));
        else if (behaviour === 'rate_limited') rateLimited(res, 1);
        else if (behaviour === 'server_error') errors(res, 500, one('internal error'));
        if (res.headersSent) return log();

        const id = randomBytes(16).toString('base64url').slice(0, 22);
        log('accepted', id);
        for (const p of list(input?.personalizations)) {
          const args = Object.fromEntries(Object.entries(p?.custom_args && typeof p.custom_args === 'object' ? p.custom_args : {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
          for (const t of list(p?.to)) if (typeof t?.email === 'string') callbacks.sendgridEmail(id, t.email, args);
        }
        if (behaviour === 'slow' && !(await sends.waitSlow(res))) return;
        res.writeHead(202, { 'x-message-id': id, 'content-length': '0', 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '599' });
        res.end();
      },
    },
  ];
}
