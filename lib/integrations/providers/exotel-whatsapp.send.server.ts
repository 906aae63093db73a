import 'server-only';
import type { Outbound, SendContext, SendResult, SendSpec } from '@/lib/gateway/define';
import type { ProbeResponse } from '../define.server';
import { asRecord, asString, objectBody } from './common.server';
import { exotelAuthorization, exotelBase, exotelSendFailure, type ExotelAccount } from './exotel-common.server';
import { cannotSend } from './send-results.server';

// Exotel's WhatsApp v2 API: one message per request, with the gateway's request id in custom_data
// (echoed in delivery callbacks). A 202 covers the request, not the message: each message carries
// its own status, and a `failure` there is a refusal like any other. Not idempotent either: a
// repeated request sends the message again.

type Account = ExotelAccount & { whatsapp_number: string };
type WhatsAppMessage = Extract<Outbound, { channel: 'whatsapp' }>;

/** The v2 error codes that mean more than "this request is wrong", as the status they stand for. */
const CODE_STATUS: Record<number, number> = { 1010: 401, 1003: 403, 1008: 429, 1005: 500 };

type Refusal = { status: number; code: number | null; message: string | null };

/** Reads an `error_data {code, message, description}`, with `fallback` as the status its code does not override. */
function refusalOf(errorData: unknown, fallback: number): Refusal {
  const data = asRecord(errorData);
  const code = typeof data?.code === 'number' ? data.code : Number.isInteger(Number(data?.code)) ? Number(data?.code) : null;
  const description = asString(data?.description);
  const message = asString(data?.message);
  return {
    status: (code !== null ? CODE_STATUS[code] : undefined) ?? fallback,
    code,
    message: description && message && description !== message ? `${message}: ${description}` : (description ?? message),
  };
}

function content(message: WhatsAppMessage): Record<string, unknown> {
  if (!('template' in message)) return { recipient_type: 'individual', type: 'text', text: { preview_url: false, body: message.text } };
  const { name, language, variables } = message.template;
  const parameters = variables.map((text) => ({ type: 'text', text }));
  return {
    recipient_type: 'individual',
    type: 'template',
    template: {
      name,
      language: { code: language, policy: 'deterministic' },
      ...(parameters.length > 0 ? { components: [{ type: 'body', parameters }] } : {}),
    },
  };
}

function outcome(response: ProbeResponse): SendResult {
  const body = objectBody(response);
  const inner = asRecord(body?.response);
  if (response.status < 200 || response.status >= 300) {
    if (!asRecord(inner?.error_data)) return exotelSendFailure(response, { status: response.status }, 'message');
    return exotelSendFailure(response, refusalOf(inner?.error_data, response.status), 'message');
  }
  const messages = asRecord(inner?.whatsapp)?.messages;
  const result = Array.isArray(messages) ? asRecord(messages[0]) : null;
  // A 2xx means Exotel took the request: what it does not say about the message is not a reason to send again.
  if (!result) return { ok: true, providerId: '', httpStatus: response.status };
  if (result.status === 'failure') {
    // A message's own code is HTTP-like (400, 429…); a failure without a usable one is a refusal.
    const own = typeof result.code === 'number' && result.code >= 400 ? result.code : 400;
    return exotelSendFailure(response, refusalOf(result.error_data, own), 'message');
  }
  const sid = asString(asRecord(result.data)?.sid);
  return { ok: true, providerId: sid ?? '', httpStatus: response.status, providerStatus: asString(result.status) ?? 'success' };
}

export const exotelWhatsAppSender: SendSpec<Account> = {
  channels: ['whatsapp'],
  async send(account, message, ctx: SendContext): Promise<SendResult> {
    if (message.channel !== 'whatsapp') return cannotSend('Exotel WhatsApp sends WhatsApp messages only.');
    const payload = {
      custom_data: ctx.requestId,
      ...(ctx.callbackUrl ? { status_callback: ctx.callbackUrl } : {}),
      whatsapp: { messages: [{ from: account.whatsapp_number, to: message.to, content: content(message) }] },
    };
    const response = await ctx.request(`${exotelBase(ctx, account.region)}/v2/accounts/${encodeURIComponent(account.account_sid)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: exotelAuthorization(account) },
      body: JSON.stringify(payload),
    });
    return outcome(response);
  },
};
