import 'server-only';
import { ProbeFailure } from '../define.server';
import { isoFrom, type InboundEvent, type VerifyOutcome, type WebhookContext, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { bearerHeaders, asArray, asRecord, asString, jsonOf, objectBody } from './common.server';
import { paypalBase, requestToken, type PayPalApp } from './paypal-common.server';

// PayPal signs with an RSA certificate behind PAYPAL-CERT-URL; the portal does not fetch
// certificates from a URL the request names, it asks PayPal instead: verify-webhook-signature with
// the transmission headers, the webhook id the organization saved and the event exactly as received
// (spliced in as raw JSON, so no re-serialization changes what PayPal hashes), under an access token
// from the app's own credentials. Transmission times more than 300 s off are refused first, without
// calling PayPal. The event id is PayPal's.

type Account = PayPalApp & { webhook_id?: string };

const TOLERANCE_SECONDS = 300;

const statusOf: Record<string, string> = {
  'PAYMENT.CAPTURE.COMPLETED': 'completed',
  'PAYMENT.CAPTURE.PENDING': 'pending',
  'PAYMENT.CAPTURE.DENIED': 'denied',
  'PAYMENT.CAPTURE.REFUNDED': 'refunded',
  'CHECKOUT.ORDER.APPROVED': 'approved',
  'CHECKOUT.ORDER.COMPLETED': 'completed',
};

/** The capture a refund belongs to: its `up` link names it. */
function refundedCapture(resource: Record<string, unknown>): string | null {
  for (const link of asArray(resource.links)) {
    const l = asRecord(link);
    const match = l?.rel === 'up' ? /\/captures\/([^/?#]+)/.exec(asString(l.href) ?? '') : null;
    if (match) return match[1]!;
  }
  return null;
}

function paymentOf(type: string, resource: Record<string, unknown>, at: string): InboundEvent | null {
  const status = statusOf[type];
  const id = type === 'PAYMENT.CAPTURE.REFUNDED' ? (refundedCapture(resource) ?? asString(resource.id)) : asString(resource.id);
  if (!status || !id) return null;
  const unit = asRecord(asArray(resource.purchase_units)[0]);
  const ref = asString(resource.custom_id) ?? asString(unit?.custom_id) ?? undefined;
  const reason = asString(asRecord(resource.status_details)?.reason) ?? undefined;
  return { kind: 'payment', objectId: id, status, at, ...(ref ? { ref } : {}), ...(reason ? { reason } : {}) };
}

async function askPayPal(account: Account, headers: Record<string, string>, raw: string, ctx: WebhookContext): Promise<VerifyOutcome | null> {
  const token = await requestToken(account, ctx);
  const accessToken = asString(objectBody(token)?.access_token);
  if (token.status !== 200 || !accessToken) {
    return { ok: false, reason: 'not_configured', detail: `PayPal did not give the portal a token to check the signature (HTTP ${token.status}); test the connection.` };
  }
  const fields = JSON.stringify({
    auth_algo: headers['paypal-auth-algo'],
    cert_url: headers['paypal-cert-url'],
    transmission_id: headers['paypal-transmission-id'],
    transmission_sig: headers['paypal-transmission-sig'],
    transmission_time: headers['paypal-transmission-time'],
    webhook_id: account.webhook_id,
  });
  const response = await ctx.request(`${paypalBase(ctx, account.mode)}/v1/notifications/verify-webhook-signature`, {
    method: 'POST',
    headers: { ...bearerHeaders(accessToken), 'content-type': 'application/json' },
    body: `${fields.slice(0, -1)},"webhook_event":${raw}}`,
  });
  const verdict = asString(objectBody(response)?.verification_status);
  if (response.status === 200 && verdict === 'SUCCESS') return null;
  return { ok: false, reason: 'bad_signature', ...(response.status === 200 ? {} : { detail: `PayPal could not check the signature (HTTP ${response.status}).` }) };
}

export const paypalWebhook: WebhookSpec<Account> = {
  online: true,
  secretFields: ['webhook_id'],
  setup: 'In the PayPal Developer Dashboard → Apps & Credentials → your app → Webhooks, add this URL with the payment capture and checkout order events, then copy the Webhook ID it shows here.',

  async verify(req, account, ctx) {
    if (!account.webhook_id) return { ok: false, reason: 'not_configured', detail: 'Save the webhook id to accept PayPal’s callbacks.' };
    const h = req.headers;
    if (!h['paypal-transmission-id'] || !h['paypal-transmission-time'] || !h['paypal-transmission-sig'] || !h['paypal-cert-url'] || !h['paypal-auth-algo']) {
      return { ok: false, reason: 'missing_signature' };
    }
    const now = ctx.now();
    const sent = Date.parse(h['paypal-transmission-time']);
    if (Number.isNaN(sent) || Math.abs(now.getTime() - sent) > TOLERANCE_SECONDS * 1000) return { ok: false, reason: 'stale_timestamp' };
    const raw = req.rawBody.toString('utf8');
    const body = asRecord(jsonOf(req.rawBody));
    const type = asString(body?.event_type);
    const id = asString(body?.id);
    if (!body || !type || !id) return { ok: false, reason: 'unreadable' };

    let refusal: VerifyOutcome | null;
    try {
      refusal = await askPayPal(account, h, raw, ctx);
    } catch (error) {
      // PayPal out of reach: the route answers 503 and PayPal sends the event again later, when it
      // can be checked. Anything else is refused unverified.
      if (error instanceof ProbeFailure) throw error;
      refusal = { ok: false, reason: 'bad_signature', detail: 'PayPal could not be reached to check the signature.' };
    }
    if (refusal) return refusal;

    const created = Date.parse(asString(body.create_time) ?? '');
    const at = Number.isNaN(created) ? isoFrom(undefined, now) : new Date(created).toISOString();
    const payment = paymentOf(type, asRecord(body.resource) ?? {}, at);
    return { ok: true, delivery: { eventId: id, eventType: type, events: payment ? [payment] : [] } };
  },
};
