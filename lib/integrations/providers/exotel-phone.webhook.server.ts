import 'server-only';
import { contentId, type InboundEvent, type WebhookContext, type WebhookSpec } from '@/lib/webhooks/inbound/define';
import type { ProbeResponse } from '../define.server';
import { asArray, asRecord, asString, formOf, jsonOf, objectBody } from './common.server';
import { exotelAuthorization, exotelBase, type ExotelAccount } from './exotel-common.server';

// Exotel signs nothing. What stands in for a signature is the URL itself: its id is unguessable and
// only Exotel is given it (as the StatusCallback of each send). Because a URL can leak, no callback
// changes anything on its word alone: confirm() asks Exotel's own API for the call or SMS and
// reports the status Exotel states there. Callbacks come form-encoded, or JSON when asked for.

type Account = ExotelAccount;
type CallEvent = Extract<InboundEvent, { kind: 'call' }>;
type MessageEvent = Extract<InboundEvent, { kind: 'message' }>;

const callFailure: Record<string, string> = {
  busy: 'The line was busy.',
  'no-answer': 'Nobody answered.',
  failed: 'Exotel could not connect the call.',
  canceled: 'The call was canceled.',
};

/** Exotel's times are India time without a zone: "2026-01-15 10:30:00". */
export function exotelTime(value: unknown, now: Date): string {
  const text = asString(value);
  const parsed = text && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? Date.parse(`${text.replace(' ', 'T')}+05:30`) : NaN;
  return Number.isNaN(parsed) ? now.toISOString() : new Date(parsed).toISOString();
}

const readable = (status: string) => status.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A call's talk time: ConversationDuration, else the longest leg, else the whole call's Duration. */
function duration(fields: Record<string, unknown>): number | undefined {
  const number = (v: unknown) => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));
  const conversation = number(fields.ConversationDuration) ?? number(asRecord(fields.Details)?.ConversationDuration);
  if (conversation !== undefined) return conversation;
  const legs = asArray(fields.Legs ?? asRecord(fields.Details)?.Legs).flatMap((l) => number(asRecord(asRecord(l)?.Leg ?? l)?.OnCallDuration) ?? []);
  return legs.length > 0 ? Math.max(...legs) : number(fields.Duration);
}

export function callEvent(fields: Record<string, unknown>, now: Date): CallEvent | null {
  const sid = asString(fields.CallSid) ?? asString(fields.Sid);
  const status = asString(fields.Status);
  if (!sid || !status) return null;
  const base = { kind: 'call' as const, providerMessageId: sid, requestId: asString(fields.CustomField) ?? undefined, at: exotelTime(fields.DateUpdated, now) };
  if (status === 'completed') {
    const seconds = duration(fields);
    return { ...base, status: 'completed', ...(seconds !== undefined ? { durationSeconds: seconds } : {}) };
  }
  return callFailure[status] ? { ...base, status: 'failed', reason: callFailure[status] } : null;
}

export function smsEvent(fields: Record<string, unknown>, now: Date): MessageEvent | null {
  const sid = asString(fields.SmsSid) ?? asString(fields.Sid);
  const status = asString(fields.Status)?.replace('-', '_');
  if (!sid || !status) return null;
  const detailed = asString(fields.DetailedStatus) ?? '';
  const code = fields.DetailedStatusCode === undefined || fields.DetailedStatusCode === null ? undefined : String(fields.DetailedStatusCode);
  const base = { kind: 'message' as const, providerMessageId: sid, requestId: asString(fields.CustomField) ?? undefined, at: exotelTime(fields.DateSent ?? fields.DateUpdated, now) };
  if (status === 'sent') return { ...base, status: detailed === 'DELIVERED_TO_HANDSET' ? 'delivered' : 'sent' };
  if (status === 'failed' || status === 'failed_dnd') {
    const reason = status === 'failed_dnd' ? 'The number is on the Do Not Disturb registry.' : detailed ? `${readable(detailed)}.` : 'Exotel could not deliver the SMS.';
    return { ...base, status: 'failed', reason, ...(code ? { errorCode: code } : {}) };
  }
  return null; // queued, sending, submitted
}

function fieldsOf(req: { headers: Record<string, string>; rawBody: Buffer }): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('json')) return asRecord(jsonOf(req.rawBody)) ?? {};
  const form = formOf(req.rawBody);
  // A form carries legs as Legs[0][OnCallDuration]=…; gathered into the JSON shape.
  const legs: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(form)) {
    const match = /^Legs\[(\d{1,2})\]\[(\w+)\]$/.exec(key);
    if (match) (legs[Number(match[1])] ??= {})[match[2]!] = value;
  }
  return legs.length > 0 ? { ...form, Legs: legs.filter(Boolean) } : form;
}

async function details(ctx: WebhookContext, account: Account, path: string): Promise<Record<string, unknown> | null> {
  const url = `${exotelBase(ctx, account.region)}/v1/Accounts/${encodeURIComponent(account.account_sid)}/${path}`;
  const response: ProbeResponse = await ctx.request(url, { headers: { authorization: exotelAuthorization(account) } });
  if (response.status === 404) return null;
  const body = objectBody(response);
  // Anything but an answer is not a "no": throwing leaves the event to be confirmed again later.
  if (response.status !== 200 || !body || body.RestException) throw new Error(`Exotel did not answer the details request (HTTP ${response.status}).`);
  return body;
}

export const exotelPhoneWebhook: WebhookSpec<Account> = {
  secretFields: [],
  setup: 'Nothing to paste at Exotel: every call and SMS the portal sends names this URL as its StatusCallback. Exotel does not sign callbacks, so keep the URL private; each status is confirmed with Exotel’s API before it is applied.',
  perRequestCallback: true,

  verify(req, _account, ctx) {
    const fields = fieldsOf(req);
    const now = ctx.now();
    if (fields.CallSid) {
      const event = callEvent(fields, now);
      const status = asString(fields.Status) ?? 'unknown';
      return { ok: true, delivery: { eventId: contentId('exotel', asString(fields.CallSid), status), eventType: `call.${status}`, events: event ? [event] : [] } };
    }
    if (fields.SmsSid) {
      const event = smsEvent(fields, now);
      const status = asString(fields.Status) ?? 'unknown';
      return { ok: true, delivery: { eventId: contentId('exotel', asString(fields.SmsSid), status, asString(fields.DetailedStatus)), eventType: `sms.${status}`, events: event ? [event] : [] } };
    }
    return { ok: false, reason: 'unreadable', detail: 'Neither a call nor an SMS status callback.' };
  },

  // What Exotel's API states wins over the callback's own fields, our request id (its CustomField) included.
  async confirm(event, account, ctx) {
    if ((event.kind !== 'call' && event.kind !== 'message') || !event.providerMessageId) return null;
    const sid = encodeURIComponent(event.providerMessageId);
    const now = ctx.now();
    if (event.kind === 'call') {
      const call = asRecord((await details(ctx, account, `Calls/${sid}.json?details=true`))?.Call);
      const stated = call ? callEvent({ ...call, CallSid: call.Sid }, now) : null;
      return stated ? { ...stated, requestId: stated.requestId ?? event.requestId } : null;
    }
    const sms = asRecord((await details(ctx, account, `SMS/Messages/${sid}.json`))?.SMSMessage);
    const stated = sms ? smsEvent({ ...sms, SmsSid: sms.Sid }, now) : null;
    return stated ? { ...stated, requestId: stated.requestId ?? event.requestId } : null;
  },
};
