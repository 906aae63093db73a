import 'server-only';
import { createHmac } from 'node:crypto';
import { contentId, isoFrom, messageStatuses, safeEqual, type InboundEvent, type MessageStatus, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asArray, asRecord, asString } from './common.server';

// Meta signs each POST with X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with
// the app secret>, and checks the URL first with a GET carrying hub.mode=subscribe, the verify token
// the organization chose and a challenge to echo. Meta sends no delivery id and no timestamp header:
// a repeated delivery is the same bytes, so the body's hash is its id. Meta's Node SDK has this
// check, but is unmaintained (archived 2024), so it is written here against the same vectors.

type Account = { app_secret?: string; verify_token?: string; waba_id?: string; phone_number_id?: string };

const accountTopics: Record<string, string> = {
  phone_number_quality_update: 'quality_rating',
  message_template_status_update: 'template_status',
  account_update: 'account',
};

function statusEvent(raw: Record<string, unknown>, now: Date): InboundEvent | null {
  const status = asString(raw.status);
  if (!status || !(messageStatuses as readonly string[]).includes(status)) return null; // `played`, `deleted`…
  const error = asRecord(asArray(raw.errors)[0]);
  const code = error?.code;
  return {
    kind: 'message',
    status: status as MessageStatus,
    providerMessageId: asString(raw.id) ?? undefined,
    requestId: asString(raw.biz_opaque_callback_data) ?? undefined,
    at: isoFrom(raw.timestamp, now),
    ...(error ? { errorCode: code === undefined ? undefined : String(code), reason: asString(error.title) ?? asString(error.message) ?? undefined } : {}),
  };
}

function accountSummary(field: string, value: Record<string, unknown>): string {
  if (field === 'phone_number_quality_update') {
    const number = asString(value.display_phone_number) ?? 'The number';
    const event = asString(value.event) ?? 'UPDATED';
    const limit = asString(value.current_limit);
    return `${number}: quality ${event.toLowerCase()}${limit ? `, messaging limit ${limit}` : ''}.`;
  }
  if (field === 'message_template_status_update') {
    const name = asString(value.message_template_name) ?? 'A template';
    const language = asString(value.message_template_language);
    const event = (asString(value.event) ?? 'updated').toLowerCase();
    const reason = asString(value.reason);
    return `Template ${name}${language ? ` (${language})` : ''} is now ${event}${reason && reason !== 'NONE' ? `: ${reason}` : ''}.`;
  }
  return `Account update: ${(asString(value.event) ?? 'changed').toLowerCase()}.`;
}

export const metaWhatsAppWebhook: WebhookSpec<Account> = {
  secretFields: ['app_secret', 'verify_token'],
  setup: 'In the Meta App Dashboard → WhatsApp → Configuration → Webhook, paste this URL and your verify token, then subscribe to the messages field (and message_template_status_update, phone_number_quality_update for account alerts).',

  challenge(req, account) {
    if (req.query.get('hub.mode') !== 'subscribe') return null;
    const token = req.query.get('hub.verify_token') ?? '';
    const challenge = req.query.get('hub.challenge') ?? '';
    if (!account.verify_token || !safeEqual(token, account.verify_token)) return { status: 403, body: 'Verify token mismatch' };
    return { status: 200, body: challenge.slice(0, 200) };
  },

  verify(req, account, ctx) {
    if (!account.app_secret) return { ok: false, reason: 'not_configured', detail: 'Save the app secret to accept Meta’s callbacks.' };
    const header = req.headers['x-hub-signature-256'];
    if (!header) return { ok: false, reason: 'missing_signature' };
    const expected = `sha256=${createHmac('sha256', account.app_secret).update(req.rawBody).digest('hex')}`;
    if (!safeEqual(header, expected)) return { ok: false, reason: 'bad_signature' };

    let body: Record<string, unknown> | null;
    try {
      body = asRecord(JSON.parse(req.rawBody.toString('utf8')));
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
    if (body?.object !== 'whatsapp_business_account') return { ok: false, reason: 'unreadable', detail: 'Not a WhatsApp Business Account event.' };
    const now = ctx.now();
    const events: InboundEvent[] = [];
    const fields = new Set<string>();
    // One Meta app can serve several accounts, all signed with its one secret: only this
    // integration's business account and phone number are read; the rest is answered and ignored.
    for (const entry of asArray(body.entry)) {
      const ours = !account.waba_id || asString(asRecord(entry)?.id) === account.waba_id;
      for (const change of asArray(asRecord(entry)?.changes)) {
        const field = asString(asRecord(change)?.field) ?? 'unknown';
        const value = asRecord(asRecord(change)?.value) ?? {};
        fields.add(field);
        const numberId = asString(asRecord(value.metadata)?.phone_number_id);
        if (field === 'messages' && numberId && account.phone_number_id && numberId !== account.phone_number_id) continue;
        if (field !== 'messages' && !ours) continue;
        if (field === 'messages') {
          for (const status of asArray(value.statuses)) {
            const event = statusEvent(asRecord(status) ?? {}, now);
            if (event) events.push(event);
          }
        } else if (accountTopics[field]) {
          events.push({ kind: 'account', topic: accountTopics[field], summary: accountSummary(field, value), at: now.toISOString() });
        }
      }
    }
    const eventType = events.some((e) => e.kind === 'message') ? 'statuses' : [...fields].join(',') || 'empty';
    return { ok: true, delivery: { eventId: contentId('meta', req.rawBody.toString('base64')), eventType, events } };
  },
};
