import 'server-only';
import { contentId, type InboundEvent, type MessageStatus, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import { asArray, asRecord, asString, jsonOf } from './common.server';
import type { ExotelAccount } from './exotel-common.server';

// Exotel signs nothing, and no API to read a WhatsApp message back is known, so there is nothing
// to confirm a delivery report with: the unguessable URL (given only to Exotel, on each send) is
// the only secret, and a report counts only for a message sid the portal itself was given.

const statusOf: Record<string, MessageStatus> = { EX_MESSAGE_SENT: 'sent', EX_MESSAGE_DELIVERED: 'delivered', EX_MESSAGE_SEEN: 'read' };
const FAILURE = /FAIL|ERROR|REJECT|NOT_SENT|UNDELIVER|EXPIRE|INVALID|BLOCK/;

function eventOf(message: Record<string, unknown>, now: Date): InboundEvent | null {
  if (asString(message.callback_type) !== 'dlr') return null; // incoming messages are not status reports
  const sid = asString(message.sid);
  const detailed = asString(message.exo_detailed_status) ?? '';
  if (!sid) return null;
  const timestamp = Date.parse(asString(message.timestamp) ?? '');
  const base = {
    kind: 'message' as const,
    providerMessageId: sid,
    requestId: asString(message.custom_data) ?? undefined,
    at: Number.isNaN(timestamp) ? now.toISOString() : new Date(timestamp).toISOString(),
  };
  const status = statusOf[detailed];
  if (status) return { ...base, status };
  if (!FAILURE.test(detailed)) return null; // accepted, queued…
  const code = message.exo_status_code;
  return {
    ...base,
    status: 'failed',
    reason: asString(message.description) ?? detailed,
    ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: String(code) } : {}),
  };
}

export const exotelWhatsAppWebhook: WebhookSpec<ExotelAccount> = {
  secretFields: [],
  setup: 'Nothing to paste at Exotel: every WhatsApp message the portal sends names this URL as its status callback. Exotel does not sign callbacks, so keep the URL private; only messages the portal sent are updated.',
  perRequestCallback: true,

  verify(req, _account, ctx) {
    const messages = asArray(asRecord(asRecord(jsonOf(req.rawBody))?.whatsapp)?.messages).map((m) => asRecord(m) ?? {});
    if (messages.length === 0) return { ok: false, reason: 'unreadable', detail: 'Not an Exotel WhatsApp callback.' };
    const now = ctx.now();
    const events = messages.map((m) => eventOf(m, now)).filter((e): e is InboundEvent => e !== null);
    const keys = messages.map((m) => `${asString(m.sid) ?? ''}:${asString(m.exo_detailed_status) ?? asString(m.callback_type) ?? ''}`).sort();
    const types = [...new Set(messages.map((m) => asString(m.exo_detailed_status) ?? asString(m.callback_type) ?? 'unknown'))].sort();
    return { ok: true, delivery: { eventId: contentId('exotel-whatsapp', ...keys), eventType: types.join(','), events } };
  },
};
