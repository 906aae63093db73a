import 'server-only';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { fresh, type InboundEvent, type MessageStatus, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asArray, asRecord, asString, jsonOf } from './common.server';

// Resend delivers through Svix, which signs the Standard Webhooks way under its own header names:
// svix-signature = "v1,<base64 HMAC-SHA256 of "id.timestamp.body">" (several, space-separated, while
// a secret rolls), keyed with the base64 after whsec_. The standardwebhooks package checks it under
// the webhook-* names; the svix package itself would do the same but needs Node 22. The library
// reads the system clock, so the portal's clock is checked first (same 300 s).

type Account = { webhook_secret?: string };

const TOLERANCE_SECONDS = 300;

const statusOf: Record<string, MessageStatus> = {
  'email.sent': 'sent',
  'email.delivered': 'delivered',
  'email.bounced': 'failed',
  'email.complained': 'failed',
  'email.failed': 'failed',
};

/** The gw_id tag: an object in webhook payloads, a [{name, value}] list in the send API. */
function tag(data: Record<string, unknown>, name: string): string | undefined {
  const tags = data.tags;
  const fromObject = asString(asRecord(tags)?.[name]);
  if (fromObject) return fromObject;
  const entry = asArray(tags).map(asRecord).find((t) => t?.name === name);
  return asString(entry?.value) ?? undefined;
}

function failureReason(type: string, data: Record<string, unknown>): string {
  if (type === 'email.complained') return 'The recipient marked the email as spam.';
  const bounce = asRecord(data.bounce);
  const failed = asRecord(data.failed);
  return asString(bounce?.message) ?? asString(failed?.reason) ?? (type === 'email.bounced' ? 'The email bounced.' : 'Resend could not send the email.');
}

export const resendWebhook: WebhookSpec<Account> = {
  secretFields: ['webhook_secret'],
  setup: 'In Resend → Webhooks, add an endpoint with this URL and the email.sent, email.delivered, email.bounced, email.complained and email.failed events, then copy its signing secret (whsec_…) here.',

  verify(req, account, ctx) {
    if (!account.webhook_secret) return { ok: false, reason: 'not_configured', detail: 'Save the webhook signing secret to accept Resend’s callbacks.' };
    const id = req.headers['svix-id'];
    const timestamp = req.headers['svix-timestamp'];
    const signature = req.headers['svix-signature'];
    if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_signature' };
    if (!fresh(timestamp, ctx.now(), TOLERANCE_SECONDS)) return { ok: false, reason: 'stale_timestamp' };
    try {
      new Webhook(account.webhook_secret).verify(req.rawBody, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    } catch (error) {
      if (error instanceof WebhookVerificationError && /timestamp too/i.test(error.message)) return { ok: false, reason: 'stale_timestamp' };
      return { ok: false, reason: 'bad_signature' }; // also a secret that is not base64
    }

    const body = asRecord(jsonOf(req.rawBody));
    const type = asString(body?.type);
    if (!body || !type) return { ok: false, reason: 'unreadable' };
    const data = asRecord(body.data) ?? {};
    const status = statusOf[type];
    const events: InboundEvent[] = [];
    if (status) {
      const createdAt = Date.parse(asString(body.created_at) ?? '');
      events.push({
        kind: 'message',
        status,
        requestId: tag(data, 'gw_id'),
        providerMessageId: asString(data.email_id) ?? undefined,
        at: Number.isNaN(createdAt) ? ctx.now().toISOString() : new Date(createdAt).toISOString(),
        ...(status === 'failed' ? { reason: failureReason(type, data) } : {}),
      });
    }
    return { ok: true, delivery: { eventId: id, eventType: type, events } };
  },
};
