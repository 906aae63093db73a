import 'server-only';
import { createHmac } from 'node:crypto';
import { contentId, fresh, safeEqual, type InboundEvent, type VerifyOutcome, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asArray, asNumber, asRecord, asString, jsonOf } from './common.server';

// DocuSeal signs with X-Docuseal-Signature: "{unix}.{hex HMAC-SHA256 of "{unix}.{raw body}"}", keyed
// with the webhook secret exactly as shown (whsec_… included), and the time must be within 300 s.
// Older installs cannot sign: they send a static header the organization chose instead, compared
// here in constant time. No DocuSeal library does this, so it is written with node:crypto.

type Account = { webhook_secret?: string; webhook_header?: string };

const TOLERANCE_SECONDS = 300;

/** A form.* event is about one submitter; the submission is what the portal follows. */
const statusOf: Record<string, string> = {
  'form.viewed': 'opened',
  'form.started': 'started',
  'form.completed': 'signed',
  'form.declined': 'declined',
  'submission.created': 'pending',
  'submission.completed': 'completed',
  'submission.expired': 'expired',
};

// The product reports a submitter starting to fill in the form as `submission.started`, next to
// the submission.* events it sits among in the portal's timeline; DocuSeal calls it form.started.
const reportedAs: Record<string, string> = { 'form.started': 'submission.started' };

function signed(req: { headers: Record<string, string>; rawBody: Buffer }, secret: string, now: Date): VerifyOutcome | null {
  const header = req.headers['x-docuseal-signature'];
  if (!header) return null;
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return { ok: false, reason: 'bad_signature' };
  const t = match[1]!;
  const hex = match[2]!;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(req.rawBody).digest('hex');
  if (!safeEqual(hex.toLowerCase(), expected)) return { ok: false, reason: 'bad_signature' };
  if (!fresh(t, now, TOLERANCE_SECONDS)) return { ok: false, reason: 'stale_timestamp' };
  return null;
}

function staticHeader(headers: Record<string, string>, nameValue: string): VerifyOutcome | null {
  const colon = nameValue.indexOf(':');
  const name = nameValue.slice(0, colon).trim().toLowerCase();
  const value = nameValue.slice(colon + 1).trim();
  if (colon < 1 || !value) return { ok: false, reason: 'not_configured', detail: 'The webhook header must be written "Name: value".' };
  const sent = headers[name];
  if (sent === undefined) return { ok: false, reason: 'missing_signature' };
  return safeEqual(sent.trim(), value) ? null : { ok: false, reason: 'bad_signature' };
}

function submissionOf(type: string, data: Record<string, unknown>): { id: string | null; ref?: string } {
  const submission = asRecord(data.submission);
  const idText = (v: unknown) => asString(v) ?? (asNumber(v) !== null ? String(v) : null);
  const id = type.startsWith('form.') ? (idText(data.submission_id) ?? idText(submission?.id)) : idText(data.id);
  const firstSubmitter = asRecord(asArray(data.submitters)[0]);
  const ref = asString(data.external_id) ?? asString(submission?.external_id) ?? asString(firstSubmitter?.external_id) ?? undefined;
  return { id, ref };
}

export const docusealWebhook: WebhookSpec<Account> = {
  secretFields: ['webhook_secret', 'webhook_header'],
  setup: 'In DocuSeal → Settings → Webhooks, add this URL with the form and submission events, then copy the webhook secret here (or, on an older install, the header you add to the webhook).',

  verify(req, account, ctx) {
    if (!account.webhook_secret && !account.webhook_header) {
      return { ok: false, reason: 'not_configured', detail: 'Save the webhook secret (or header) to accept DocuSeal’s callbacks.' };
    }
    const now = ctx.now();
    const hasSignature = Boolean(req.headers['x-docuseal-signature']);
    if (account.webhook_secret && (hasSignature || !account.webhook_header)) {
      const refusal = hasSignature ? signed(req, account.webhook_secret, now) : { ok: false as const, reason: 'missing_signature' as const };
      if (refusal) return refusal;
    } else if (account.webhook_header) {
      const refusal = staticHeader(req.headers, account.webhook_header);
      if (refusal) return refusal;
    }

    const body = asRecord(jsonOf(req.rawBody));
    const type = asString(body?.event_type);
    if (!body || !type) return { ok: false, reason: 'unreadable' };
    const data = asRecord(body.data) ?? {};
    const timestamp = asString(body.timestamp);
    const parsed = Date.parse(timestamp ?? '');
    const at = Number.isNaN(parsed) ? now.toISOString() : new Date(parsed).toISOString();
    const events: InboundEvent[] = [];
    const status = statusOf[type];
    const { id, ref } = submissionOf(type, data);
    if (status && id) events.push({ kind: 'signing', objectId: id, status, event: reportedAs[type] ?? type, at, ...(ref ? { ref } : {}) });
    return { ok: true, delivery: { eventId: contentId(type, timestamp, String(data.id ?? '')), eventType: type, events } };
  },
};
