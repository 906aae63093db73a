import 'server-only';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { contentId, fresh, isoFrom, type InboundEvent, type MessageStatus, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asArray, asRecord, asString, jsonOf } from './common.server';

// SendGrid's signed event webhook: X-Twilio-Email-Event-Webhook-Signature is a base64 DER ECDSA
// (P-256, SHA-256) signature of the Timestamp header followed by the raw body, checked with the
// verification key SendGrid shows (base64 SubjectPublicKeyInfo) by SendGrid's own library. The
// library does not look at the time, so timestamps more than 300 s off are refused here. A delivery
// is a batch of events, each with its own sg_event_id: the sorted ids make the batch's id.

type Account = { webhook_public_key?: string };

const TOLERANCE_SECONDS = 300;
const SIGNATURE = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';

const statusOf: Record<string, MessageStatus> = { processed: 'sent', delivered: 'delivered', bounce: 'failed', dropped: 'failed', blocked: 'failed' };

/** X-Message-Id as the send got it: sg_message_id adds the filter or relay it passed through. */
const messageId = (sg: string | null) => (sg ? sg.replace(/\.(filter|recvd)[\s\S]*$/, '') : undefined);

function eventOf(raw: Record<string, unknown>, now: Date): InboundEvent | null {
  const type = asString(raw.event) ?? '';
  const status = statusOf[type];
  if (!status) return null; // deferred, open, click, spamreport, unsubscribe…
  const reason = asString(raw.reason) ?? asString(raw.response) ?? (status === 'failed' ? `SendGrid reported the email as ${type === 'bounce' ? asString(raw.type) ?? 'bounced' : type}.` : null);
  return {
    kind: 'message',
    status,
    requestId: asString(raw.gw_id) ?? undefined,
    providerMessageId: messageId(asString(raw.sg_message_id)),
    at: isoFrom(raw.timestamp, now),
    ...(status === 'failed' && reason ? { reason, ...(raw.status !== undefined ? { errorCode: String(raw.status) } : {}) } : {}),
  };
}

export const sendgridWebhook: WebhookSpec<Account> = {
  secretFields: ['webhook_public_key'],
  setup: 'In SendGrid → Settings → Mail Settings → Event Webhook, paste this URL, select Processed, Delivered, Dropped, Bounced and Blocked, turn on Signed Event Webhook and copy its verification key here.',

  verify(req, account, ctx) {
    if (!account.webhook_public_key) return { ok: false, reason: 'not_configured', detail: 'Save the verification key to accept SendGrid’s callbacks.' };
    const signature = req.headers[SIGNATURE];
    const timestamp = req.headers[TIMESTAMP];
    if (!signature || !timestamp) return { ok: false, reason: 'missing_signature' };
    const now = ctx.now();
    if (!fresh(timestamp, now, TOLERANCE_SECONDS)) return { ok: false, reason: 'stale_timestamp' };
    let valid: boolean;
    try {
      const webhook = new EventWebhook();
      valid = webhook.verifySignature(webhook.convertPublicKeyToECDSA(account.webhook_public_key), req.rawBody.toString('utf8'), signature, timestamp);
    } catch {
      valid = false; // a signature or key that is not DER throws
    }
    if (!valid) return { ok: false, reason: 'bad_signature' };

    const batch = jsonOf(req.rawBody);
    if (!Array.isArray(batch)) return { ok: false, reason: 'unreadable' };
    const records = asArray(batch).map((e) => asRecord(e) ?? {});
    const events = records.map((e) => eventOf(e, now)).filter((e): e is InboundEvent => e !== null);
    const ids = records.map((e) => asString(e.sg_event_id) ?? '').sort();
    // Without every event's id, the bytes are the id (SendGrid repeats a failed batch as it was).
    const eventId = ids.length > 0 && ids.every(Boolean) ? contentId('sendgrid', ...ids) : contentId('sendgrid', req.rawBody.toString('base64'));
    const types = [...new Set(records.map((e) => asString(e.event) ?? 'unknown'))].sort();
    return { ok: true, delivery: { eventId, eventType: types.join(',') || 'empty', events } };
  },
};
