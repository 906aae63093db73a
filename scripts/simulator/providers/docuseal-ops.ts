// DocuSeal's submissions API under /docuseal, as docusealco/docuseal answers it: POST /submissions
// (200, an array with one entry per submitter), GET /submissions/{id}; errors {"error": "…"}. The
// key conventions are those of docuseal.ts (bad/expired 401, noscope 403, ratelimit 429, slow).
// Template ids starting 999 do not exist. Submissions are remembered per simulator, each visible
// only to the key that created it. Signers sign through the control API:
//   POST /_control/docuseal/submissions/{id}/complete   every signer signs: the submission completes
//   POST /_control/docuseal/submissions/{id}/decline    the next signer declines
// and, when a DocuSeal webhook is configured (PUT /_control/webhooks/docuseal), the simulator sends
// form.started then submission.completed (or form.declined), signed, with the submitters' external_id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { json, type Route } from '../http';
import { markerOf, parseJson, RETRY_AFTER_SECONDS, stableHex, waitSlow, type SimShared } from './common';

type SubmitterStatus = 'awaiting' | 'sent' | 'opened' | 'completed' | 'declined';

interface Submitter {
  id: number;
  uuid: string;
  slug: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  role: string;
  external_id: string | null;
  status: SubmitterStatus;
  sent_at: string | null;
  opened_at: string | null;
  completed_at: string | null;
  declined_at: string | null;
  decline_reason: string | null;
}

interface Submission {
  id: number;
  key: string;
  templateId: number;
  slug: string;
  status: 'pending' | 'completed' | 'declined';
  created_at: string;
  completed_at: string | null;
  expire_at: string | null;
  order: 'preserved' | 'random';
  submitters: Submitter[];
}

const PARTIES = ['First Party', 'Second Party', 'Third Party'];
const SIGN_HOST = 'https://docuseal.example';
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

const refuse = (res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): null => {
  json(res, status, { error }, headers);
  return null;
};

/** The key, or null once it has been refused (401, 403, 429) or the slow wait was abandoned. */
async function authorized(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const header = req.headers['x-auth-token'];
  const token = Array.isArray(header) ? header[0] : header;
  const marker = token ? markerOf(token) : 'bad';
  if (!token || marker === 'bad' || marker === 'expired') return refuse(res, 401, 'Not authenticated');
  if (marker === 'noscope') return refuse(res, 403, 'Not authorized');
  if (marker === 'ratelimit') return refuse(res, 429, 'Too many requests', { 'retry-after': String(RETRY_AFTER_SECONDS) });
  if (marker === 'slow' && !(await waitSlow(res))) return null;
  return token;
}

const submitterJson = (s: Submission, p: Submitter) => ({
  id: p.id,
  submission_id: s.id,
  uuid: p.uuid,
  email: p.email,
  slug: p.slug,
  sent_at: p.sent_at,
  opened_at: p.opened_at,
  completed_at: p.completed_at,
  declined_at: p.declined_at,
  created_at: s.created_at,
  updated_at: p.completed_at ?? p.declined_at ?? s.created_at,
  name: p.name,
  phone: p.phone,
  external_id: p.external_id,
  metadata: {},
  status: p.status,
  values: [],
  preferences: {},
  role: p.role,
  embed_src: `${SIGN_HOST}/s/${p.slug}`,
});

function submissionJson(s: Submission) {
  const expired = s.status === 'pending' && s.expire_at !== null && Date.parse(s.expire_at) <= Date.now();
  const done = s.status === 'completed';
  return {
    id: s.id,
    name: null,
    slug: s.slug,
    source: 'api',
    submitters_order: s.order,
    status: expired ? 'expired' : s.status,
    audit_log_url: done ? `${SIGN_HOST}/file/${s.slug}/audit-log.pdf` : null,
    combined_document_url: null,
    completed_at: s.completed_at,
    created_at: s.created_at,
    updated_at: s.completed_at ?? s.created_at,
    archived_at: null,
    expire_at: s.expire_at,
    template: { id: s.templateId, name: `Template ${s.templateId}`, external_id: null, folder_name: 'Default', created_at: s.created_at, updated_at: s.created_at },
    submission_events: s.submitters.flatMap((p) => [
      ...(p.sent_at ? [{ id: p.id * 10 + 1, submitter_id: p.id, event_type: 'send_email', event_timestamp: p.sent_at }] : []),
      ...(p.completed_at ? [{ id: p.id * 10 + 2, submitter_id: p.id, event_type: 'complete_form', event_timestamp: p.completed_at }] : []),
      ...(p.declined_at ? [{ id: p.id * 10 + 3, submitter_id: p.id, event_type: 'decline_form', event_timestamp: p.declined_at }] : []),
    ]),
    documents: done ? [{ name: `template-${s.templateId}`, url: `${SIGN_HOST}/file/${s.slug}/template-${s.templateId}.pdf` }] : [],
    variables: {},
    submitters: s.submitters.map((p) => submitterJson(s, p)),
  };
}

export function docusealOps(shared: SimShared): { routes: Route[]; reset: () => void } {
  const submissions = new Map<number, Submission>();
  // Ids keep counting across resets, so an id from before a reset is simply unknown.
  let nextSubmission = 5000;
  let nextSubmitter = 90_000;

  const create = (key: string, input: Record<string, unknown>): { status: number; body: unknown } => {
    const templateId = typeof input.template_id === 'number' ? input.template_id : Number(input.template_id);
    if (input.template_id === undefined || input.template_id === null || input.template_id === '') return { status: 422, body: { error: 'template_id is required' } };
    if (!Number.isInteger(templateId) || templateId <= 0 || String(templateId).startsWith('999')) return { status: 422, body: { error: 'Template not found' } };
    const given = Array.isArray(input.submitters) ? input.submitters : [];
    if (given.length === 0) return { status: 422, body: { error: 'submitters is required' } };
    const rows = given.map((g) => (g && typeof g === 'object' ? (g as Record<string, unknown>) : {}));
    if (rows.some((r) => !text(r.email) && !text(r.phone))) return { status: 422, body: { error: 'Submitter email or phone is required' } };
    const now = new Date().toISOString();
    const sendEmail = input.send_email !== false;
    const order = input.order === 'random' ? 'random' : 'preserved';
    const id = nextSubmission++;
    const submitters = rows.map((r, i): Submitter => {
      const sid = nextSubmitter++;
      const sent = sendEmail && (order === 'random' || i === 0);
      return {
        id: sid,
        uuid: randomUUID(),
        slug: stableHex(`submitter-${sid}-${now}`, 14),
        email: text(r.email)?.toLowerCase() ?? null,
        name: text(r.name),
        phone: text(r.phone),
        role: text(r.role) ?? PARTIES[i] ?? `Party ${i + 1}`,
        external_id: text(r.external_id),
        status: sent ? 'sent' : 'awaiting',
        sent_at: sent ? now : null,
        opened_at: null,
        completed_at: null,
        declined_at: null,
        decline_reason: null,
      };
    });
    const expireAt = text(input.expire_at);
    const submission: Submission = {
      id,
      key,
      templateId,
      slug: stableHex(`submission-${id}-${now}`, 14),
      status: 'pending',
      created_at: now,
      completed_at: null,
      expire_at: expireAt && !Number.isNaN(Date.parse(expireAt.replace(' UTC', 'Z'))) ? new Date(Date.parse(expireAt.replace(' UTC', 'Z'))).toISOString() : null,
      order,
      submitters,
    };
    submissions.set(id, submission);
    return { status: 200, body: submitters.map((p) => submitterJson(submission, p)) };
  };

  /** A signer signs everything, or the next one declines; the webhook hears of it if configured. */
  const settle = (id: number, outcome: 'complete' | 'decline'): { status: number; body: unknown } => {
    const s = submissions.get(id);
    if (!s) return { status: 404, body: { error: 'Not found' } };
    if (s.status !== 'pending') return { status: 409, body: { error: `The submission is already ${s.status}` } };
    const now = new Date().toISOString();
    if (outcome === 'complete') {
      for (const p of s.submitters) Object.assign(p, { status: 'completed', opened_at: p.opened_at ?? now, completed_at: now, sent_at: p.sent_at ?? now });
      Object.assign(s, { status: 'completed', completed_at: now });
    } else {
      const p = s.submitters.find((x) => x.status !== 'completed') ?? s.submitters[0]!;
      Object.assign(p, { status: 'declined', opened_at: p.opened_at ?? now, declined_at: now, decline_reason: 'Declined in the simulator' });
      s.status = 'declined';
    }
    const ref = s.submitters.find((p) => p.external_id)?.external_id ?? null;
    const events = outcome === 'complete' ? ['form.started', 'submission.completed'] : ['form.started', 'form.declined'];
    const notified = shared.callbacks.emitEvent('docuseal', events, String(s.id), ref);
    return { status: 200, body: { id: s.id, status: s.status, callbacks: notified ? events : [] } };
  };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/docuseal\/submissions$/,
      async handle({ req, res, body }) {
        const key = await authorized(req, res);
        if (!key) return;
        const raw = await body();
        const input = parseJson(raw);
        if (!input) return json(res, 422, { error: `JSON parse error: unexpected token at '${raw.slice(0, 20)}'` });
        const answer = create(key, input);
        json(res, answer.status, answer.body);
      },
    },
    {
      method: 'GET',
      pattern: /^\/docuseal\/submissions\/(\d{1,18})$/,
      async handle({ req, res, params }) {
        const key = await authorized(req, res);
        if (!key) return;
        const s = submissions.get(Number(params[0]));
        if (!s || s.key !== key) return json(res, 404, { error: 'Not found' });
        json(res, 200, submissionJson(s));
      },
    },
    {
      method: 'POST',
      pattern: /^\/_control\/docuseal\/submissions\/(\d{1,18})\/(complete|decline)$/,
      handle({ res, params }) {
        const answer = settle(Number(params[0]), params[1] as 'complete' | 'decline');
        json(res, answer.status, answer.body);
      },
    },
  ];
  return { routes, reset: () => submissions.clear() };
}
