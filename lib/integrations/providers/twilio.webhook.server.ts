import 'server-only';
import { validateRequest, validateRequestWithBody } from 'twilio/lib/webhooks/webhooks';
import { contentId, type InboundEvent, type InboundRequest, type MessageStatus, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asRecord, formOf, jsonOf } from './common.server';

// Twilio signs each callback with X-Twilio-Signature: base64 HMAC-SHA1, keyed with the Auth Token,
// of the URL exactly as configured (query included) followed by the POST parameters sorted by name;
// a JSON body is not in the signature itself but its SHA-256 is, as bodySHA256 in the URL. Twilio's
// own library does both checks, and tries the URL with and without the default port (Twilio may
// sign either). Webhooks signed with a SharedKey (X-Twilio-Webhooks-Signature-Settings) use a secret
// the portal does not hold, so they fail as bad signatures. Callbacks carry no timestamp and no
// delivery id: the sid, status (and a call's SequenceNumber) make the id.

type Account = { auth_token: string };

const messageStatus: Record<string, MessageStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', undelivered: 'failed' };
const callFailure: Record<string, string> = {
  busy: 'The line was busy.',
  'no-answer': 'Nobody answered.',
  failed: 'Twilio could not place the call.',
  canceled: 'The call was canceled before it was answered.',
};

function checked(req: InboundRequest, token: string, signature: string): boolean {
  try {
    if (req.query.has('bodySHA256')) return validateRequestWithBody(token, signature, req.url, req.rawBody.toString('utf8'));
    return validateRequest(token, signature, req.url, formOf(req.rawBody));
  } catch {
    return false; // a URL the library cannot read is not one Twilio signed
  }
}

function fields(req: InboundRequest): Record<string, string> {
  if (!req.query.has('bodySHA256')) return formOf(req.rawBody);
  const body = asRecord(jsonOf(req.rawBody)) ?? {};
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [])));
}

/** Twilio's `Timestamp` (RFC 2822, call callbacks only), else now. */
function at(p: Record<string, string>, now: Date): string {
  const parsed = p.Timestamp ? Date.parse(p.Timestamp) : NaN;
  return Number.isNaN(parsed) ? now.toISOString() : new Date(parsed).toISOString();
}

export const twilioWebhook: WebhookSpec<Account> = {
  secretFields: ['auth_token'],
  setup: 'Nothing to paste at Twilio: every message and call the portal sends names this URL as its StatusCallback.',
  perRequestCallback: true,

  verify(req, account, ctx) {
    if (!account.auth_token) return { ok: false, reason: 'not_configured', detail: 'Save the Auth Token to accept Twilio’s callbacks.' };
    const signature = req.headers['x-twilio-signature'];
    if (!signature) return { ok: false, reason: 'missing_signature' };
    if (!checked(req, account.auth_token, signature)) return { ok: false, reason: 'bad_signature' };

    const p = fields(req);
    const now = ctx.now();
    const requestId = req.query.get('r') ?? undefined;
    const events: InboundEvent[] = [];
    if (p.MessageSid && p.MessageStatus) {
      const status = messageStatus[p.MessageStatus];
      if (status) {
        events.push({
          kind: 'message',
          status,
          requestId,
          providerMessageId: p.MessageSid,
          at: now.toISOString(),
          // Twilio may attach a warning's ErrorCode to a delivered message: only a failure carries it here.
          ...(status === 'failed' && p.ErrorCode ? { errorCode: p.ErrorCode, reason: p.ErrorMessage ?? `Twilio error ${p.ErrorCode}.` } : {}),
        });
      }
      return { ok: true, delivery: { eventId: contentId('twilio', p.MessageSid, p.MessageStatus), eventType: `message.${p.MessageStatus}`, events } };
    }
    if (p.CallSid && p.CallStatus) {
      if (p.CallStatus === 'completed') {
        const duration = Number(p.CallDuration);
        events.push({ kind: 'call', status: 'completed', requestId, providerMessageId: p.CallSid, at: at(p, now), ...(Number.isFinite(duration) && p.CallDuration ? { durationSeconds: duration } : {}) });
      } else if (callFailure[p.CallStatus]) {
        events.push({ kind: 'call', status: 'failed', requestId, providerMessageId: p.CallSid, at: at(p, now), reason: callFailure[p.CallStatus] });
      }
      return { ok: true, delivery: { eventId: contentId('twilio', p.CallSid, p.CallStatus, p.SequenceNumber), eventType: `call.${p.CallStatus}`, events } };
    }
    return { ok: false, reason: 'unreadable', detail: 'Neither a message nor a call status callback.' };
  },
};
