// Correctly signed provider callbacks, for the simulator to send and for tests: each function takes
// the payload and the secret the portal is configured with and returns the raw body and headers the
// provider would send (lower-case names). Where a provider's own library has a signer it is used
// (Stripe, Standard Webhooks for Resend, Twilio), so a mistake in the portal's reading of a scheme
// cannot be hidden by the same mistake here; the rest are written with node:crypto.
import { createECDH, createHmac, createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { getExpectedBodyHash, getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

export interface SignedCallback {
  /** Where to send it: only set when signing changed it (Twilio JSON bodies carry the body hash in the URL). */
  url?: string;
  headers: Record<string, string>;
  body: string;
}

const unix = (at: Date) => Math.floor(at.getTime() / 1000);
const jsonHeaders = { 'content-type': 'application/json' };

/** Meta: X-Hub-Signature-256 = sha256=<hex HMAC-SHA256(app secret, body)>. */
export function signMeta(payload: unknown, appSecret: string): SignedCallback {
  const body = JSON.stringify(payload);
  return { body, headers: { ...jsonHeaders, 'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` } };
}

/** Twilio, form-encoded (status callbacks): X-Twilio-Signature over the URL and the sorted params. */
export function signTwilio(params: Record<string, string>, authToken: string, url: string): SignedCallback {
  return {
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(authToken, url, params) },
  };
}

/** Twilio, JSON bodies: the body's SHA-256 goes in the URL (bodySHA256), and the URL alone is signed. */
export function signTwilioJson(payload: unknown, authToken: string, url: string): SignedCallback & { url: string } {
  const body = JSON.stringify(payload);
  const signedUrl = `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${getExpectedBodyHash(body)}`;
  return { url: signedUrl, body, headers: { ...jsonHeaders, 'x-twilio-signature': getExpectedTwilioSignature(authToken, signedUrl, {}) } };
}

/** Stripe: Stripe-Signature t=<unix>,v1=<hex HMAC-SHA256(whsec_… as-is, "t.body")>. */
export function signStripe(payload: unknown, webhookSecret: string, at = new Date()): SignedCallback {
  const body = JSON.stringify(payload);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret, timestamp: unix(at) });
  return { body, headers: { ...jsonHeaders, 'stripe-signature': header } };
}

/** Resend (Svix): Standard Webhooks under svix-* names; the key is the base64 after whsec_. */
export function signResend(payload: unknown, webhookSecret: string, at = new Date(), id = `msg_${randomUUID().replace(/-/g, '')}`): SignedCallback {
  const body = JSON.stringify(payload);
  const seconds = new Date(unix(at) * 1000);
  return { body, headers: { ...jsonHeaders, 'svix-id': id, 'svix-timestamp': String(unix(at)), 'svix-signature': new Webhook(webhookSecret).sign(id, seconds, body) } };
}

/**
 * A fixed P-256 key pair for SendGrid's signed event webhook, the same for the same seed (the private
 * scalar is the seed's SHA-256), so the portal can be configured with `publicKey` ahead of time.
 */
export function sendgridTestKeys(seed = 'switchboard-simulator'): { privateKey: KeyObject; publicKey: string } {
  const d = createHmac('sha256', 'sendgrid-test-key').update(seed).digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const b64url = (b: Buffer) => b.toString('base64url');
  const jwk = { kty: 'EC', crv: 'P-256', d: b64url(d), x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  return { privateKey, publicKey };
}

/** SendGrid: base64 DER ECDSA-SHA256 of "timestamp + body", in the X-Twilio-Email-Event-Webhook-* headers. */
export function signSendGrid(events: unknown[], privateKey: KeyObject, at = new Date()): SignedCallback {
  const body = JSON.stringify(events);
  const timestamp = String(unix(at));
  const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
  return {
    body,
    headers: { ...jsonHeaders, 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp },
  };
}

/** DocuSeal: X-Docuseal-Signature: {unix}.{hex HMAC-SHA256(secret as-is, "{unix}.{body}")}. */
export function signDocuSeal(payload: unknown, webhookSecret: string, at = new Date()): SignedCallback {
  const body = JSON.stringify(payload);
  const t = unix(at);
  return { body, headers: { ...jsonHeaders, 'x-docuseal-signature': `${t}.${createHmac('sha256', webhookSecret).update(`${t}.${body}`).digest('hex')}` } };
}

/** DocuSeal installs without signing: the static header the organization chose ("Name: value"). */
export function docuSealStaticHeader(payload: unknown, nameValue: string): SignedCallback {
  const colon = nameValue.indexOf(':');
  return { body: JSON.stringify(payload), headers: { ...jsonHeaders, [nameValue.slice(0, colon).trim().toLowerCase()]: nameValue.slice(colon + 1).trim() } };
}

/** Zoom: x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:{ts}:{body}")>, x-zm-request-timestamp. */
export function signZoom(payload: unknown, secretToken: string, at = new Date()): SignedCallback {
  const body = JSON.stringify(payload);
  const t = unix(at);
  return {
    body,
    headers: { ...jsonHeaders, 'x-zm-request-timestamp': String(t), 'x-zm-signature': `v0=${createHmac('sha256', secretToken).update(`v0:${t}:${body}`).digest('hex')}` },
  };
}

// PayPal signs with an RSA key behind cert_url and answers verify-webhook-signature online; the
// simulator keeps that shape (it answers the verify call) but signs with an HMAC of its own over the
// same string PayPal signs, "{transmission id}|{time}|{webhook id}|{CRC32 of the body}".
const PAYPAL_SIMULATOR_KEY = 'switchboard-simulator-paypal-signing-key';
export const PAYPAL_SIMULATOR_CERT_URL = 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-simulator';

export function paypalSimulatorSignature(input: { transmissionId: string; transmissionTime: string; webhookId: string; body: string }): string {
  const message = `${input.transmissionId}|${input.transmissionTime}|${input.webhookId}|${crc32(Buffer.from(input.body, 'utf8'))}`;
  return createHmac('sha256', PAYPAL_SIMULATOR_KEY).update(message).digest('base64');
}

/** PayPal (as the simulator signs it): the PAYPAL-* transmission headers. */
export function signPayPal(payload: unknown, webhookId: string, at = new Date(), transmissionId: string = randomUUID()): SignedCallback {
  const body = JSON.stringify(payload);
  const transmissionTime = at.toISOString();
  return {
    body,
    headers: {
      ...jsonHeaders,
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-time': transmissionTime,
      'paypal-transmission-sig': paypalSimulatorSignature({ transmissionId, transmissionTime, webhookId, body }),
      'paypal-cert-url': PAYPAL_SIMULATOR_CERT_URL,
      'paypal-auth-algo': 'SHA256withRSA',
    },
  };
}

/** Exotel signs nothing: a voice or SMS callback is form-encoded (or JSON when asked), WhatsApp JSON. */
export function exotelCallback(payload: Record<string, unknown>, as: 'form' | 'json' = 'form'): SignedCallback {
  if (as === 'json') return { body: JSON.stringify(payload), headers: jsonHeaders };
  const form = new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
