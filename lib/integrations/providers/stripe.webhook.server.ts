import 'server-only';
import Stripe from 'stripe';
import { fresh, isoFrom, type InboundEvent, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asRecord, asString } from './common.server';

// Stripe signs each event with Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body", keyed
// with the endpoint's whsec_… secret>; Stripe's library checks it (any v1 may match, a rolled secret
// sends two) and the 300 s age. It does not refuse a timestamp from the future, so that is checked
// here too. The event id is Stripe's.

type Account = { webhook_secret?: string };

const TOLERANCE_SECONDS = 300;

const intentStatus: Record<string, string> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.processing': 'processing',
  'payment_intent.canceled': 'canceled',
};

const refundStatus: Record<string, string> = { succeeded: 'refunded', pending: 'refund_pending', failed: 'refund_failed', canceled: 'refund_canceled', requires_action: 'refund_pending' };

const gwId = (object: Record<string, unknown>) => asString(asRecord(object.metadata)?.gw_id) ?? undefined;
const idOf = (value: unknown) => asString(value) ?? asString(asRecord(value)?.id);

function paymentEvent(type: string, object: Record<string, unknown>, at: string): InboundEvent | null {
  const ref = gwId(object);
  if (intentStatus[type]) {
    const id = asString(object.id);
    const reason = asString(asRecord(object.last_payment_error)?.message) ?? asString(object.cancellation_reason) ?? undefined;
    return id ? { kind: 'payment', objectId: id, status: intentStatus[type], at, ref, ...(reason ? { reason } : {}) } : null;
  }
  if (type === 'charge.refunded') {
    const id = idOf(object.payment_intent) ?? asString(object.id);
    const partial = typeof object.amount_refunded === 'number' && typeof object.amount === 'number' && object.amount_refunded < object.amount;
    return id ? { kind: 'payment', objectId: id, status: partial ? 'partially_refunded' : 'refunded', at, ref } : null;
  }
  if (type === 'refund.updated') {
    const id = idOf(object.payment_intent) ?? idOf(object.charge);
    const status = refundStatus[asString(object.status) ?? ''];
    const reason = asString(object.failure_reason) ?? undefined;
    return id && status ? { kind: 'payment', objectId: id, status, at, ref, ...(reason ? { reason } : {}) } : null;
  }
  return null;
}

export const stripeWebhook: WebhookSpec<Account> = {
  secretFields: ['webhook_secret'],
  setup: 'In Stripe → Developers → Webhooks, add an endpoint with this URL, select the payment_intent.*, charge.refunded and refund.updated events, then reveal its signing secret (whsec_…) and save it here.',

  verify(req, account, ctx) {
    if (!account.webhook_secret) return { ok: false, reason: 'not_configured', detail: 'Save the webhook signing secret to accept Stripe’s callbacks.' };
    const header = req.headers['stripe-signature'];
    if (!header) return { ok: false, reason: 'missing_signature' };
    const now = ctx.now();
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(req.rawBody, header, account.webhook_secret, TOLERANCE_SECONDS, undefined, now.getTime());
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        return { ok: false, reason: /tolerance/i.test(error.message) ? 'stale_timestamp' : 'bad_signature' };
      }
      return { ok: false, reason: 'unreadable' }; // signed, but not JSON
    }
    const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
    if (!fresh(t, now, TOLERANCE_SECONDS)) return { ok: false, reason: 'stale_timestamp' };

    const object = asRecord(asRecord(event.data)?.object) ?? {};
    const payment = paymentEvent(event.type, object, isoFrom(event.created, now));
    return { ok: true, delivery: { eventId: event.id, eventType: event.type, events: payment ? [payment] : [] } };
  },
};
