import 'server-only';
import { createHmac } from 'node:crypto';
import { contentId, fresh, isoFrom, safeEqual, type InboundEvent, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asNumber, asRecord, asString, jsonOf } from './common.server';

// Zoom signs each event with x-zm-signature: v0=<hex HMAC-SHA256 of "v0:{x-zm-request-timestamp}:
// {raw body}", keyed with the app's secret token>, within 300 s. Before it sends events to a URL,
// Zoom checks it with endpoint.url_validation (signed the same way): the answer is the plainToken
// and its HMAC with the same secret. Zoom's SDKs do not export this check, so it is written here.

type Account = { webhook_secret_token?: string };

const TOLERANCE_SECONDS = 300;

const statusOf: Record<string, string> = {
  'meeting.started': 'started',
  'meeting.ended': 'ended',
  'meeting.deleted': 'deleted',
  'recording.completed': 'recording_completed',
};

const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

export const zoomWebhook: WebhookSpec<Account> = {
  secretFields: ['webhook_secret_token'],
  setup: 'In the Zoom App Marketplace → your app → Feature → Event Subscriptions, paste this URL, add the meeting started, ended and deleted and recording completed events, and copy the Secret Token here before you press Validate.',

  verify(req, account, ctx) {
    const secret = account.webhook_secret_token;
    if (!secret) return { ok: false, reason: 'not_configured', detail: 'Save the secret token to accept Zoom’s callbacks.' };
    const timestamp = req.headers['x-zm-request-timestamp'];
    const signature = req.headers['x-zm-signature'];
    if (!timestamp || !signature) return { ok: false, reason: 'missing_signature' };
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(req.rawBody).digest('hex')}`;
    if (!safeEqual(signature, expected)) return { ok: false, reason: 'bad_signature' };
    const now = ctx.now();
    if (!fresh(timestamp, now, TOLERANCE_SECONDS)) return { ok: false, reason: 'stale_timestamp' };

    const body = asRecord(jsonOf(req.rawBody));
    const event = asString(body?.event);
    if (!body || !event) return { ok: false, reason: 'unreadable' };
    const payload = asRecord(body.payload) ?? {};
    const eventTs = asNumber(body.event_ts) ?? undefined;

    if (event === 'endpoint.url_validation') {
      const plainToken = asString(payload.plainToken);
      if (!plainToken) return { ok: false, reason: 'unreadable', detail: 'The validation request has no plainToken.' };
      const reply = { status: 200, contentType: 'application/json', body: JSON.stringify({ plainToken, encryptedToken: hmacHex(secret, plainToken) }) };
      return { ok: true, delivery: { eventId: contentId(event, eventTs, plainToken), eventType: event, events: [], reply } };
    }

    const object = asRecord(payload.object) ?? {};
    const objectId = asString(object.id) ?? (asNumber(object.id) !== null ? String(object.id) : null);
    const events: InboundEvent[] = [];
    const status = statusOf[event];
    if (status && objectId) events.push({ kind: 'meeting', objectId, status, at: isoFrom(eventTs, now, true) });
    return { ok: true, delivery: { eventId: contentId(event, eventTs, objectId), eventType: event, events } };
  },
};
