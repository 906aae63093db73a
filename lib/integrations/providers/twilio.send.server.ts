import 'server-only';
import type { Outbound, SendContext, SendResult, SendSpec } from '@/lib/gateway/define';
import { basicAuth, type BaseUrl, type ProbeResponse } from '../define.server';
import { asString, formEncoded, objectBody } from './common.server';
import { cannotSend, dead, providerError, rateLimitedSend, refused, unreadable } from './send-results.server';

// Twilio sends SMS and WhatsApp through Messages and places click-to-call through Calls. Neither
// takes an idempotency key: an attempt that timed out may have gone through, and a retry can send
// twice. Twilio keeps no field of ours on a message, so the gateway matches callbacks by the sid.

type Account = { account_sid: string; auth_token: string; sms_number?: string; whatsapp_number?: string };

/** Content SIDs are HX and 32 hex characters: what Twilio sends WhatsApp templates by. */
const CONTENT_SID = /^HX[0-9a-f]{32}$/i;

/** Twilio codes that are about the number itself, not the rest of the request. */
const NUMBER_CODES = new Set([21211, 21265, 21408, 21608, 21610, 21612, 21614, 21635]);

const e164 = (number: string) => (number.startsWith('+') ? number : `+${number}`);

const xml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Reads Twilio's error body `{code, message, more_info, status}` into what the gateway does next. */
function twilioSendFailure(response: ProbeResponse): SendResult {
  const body = objectBody(response);
  const code = typeof body?.code === 'number' ? body.code : null;
  const message = asString(body?.message);
  if (response.status === 401 || code === 20003) return dead('Twilio rejected the Account SID or Auth Token.', response, code ?? undefined);
  if (response.status === 429 || code === 20429) return rateLimitedSend(response, 'Twilio', code);
  if (response.status >= 500) return providerError(response, 'Twilio', code);
  if (response.status === 403) {
    return code === 20403
      ? dead('These Twilio credentials are not allowed to send.', response, code, 'missing_scope')
      : dead(`Twilio refused this account${message ? `: ${message}` : '.'}`, response, code);
  }
  // The Account SID in the path is unknown to these credentials: no request of this integration can go.
  if (response.status === 404) return dead('Twilio has no account with that SID for these credentials.', response, code);
  if (response.status >= 400 && response.status < 500 && code !== null && message) {
    return refused(`Twilio refused the ${NUMBER_CODES.has(code) ? 'number' : 'request'}: ${message}`, response, code);
  }
  return unreadable(response, 'Twilio');
}

/** The form for a message, or the reason this account cannot send it. */
function messageForm(account: Account, message: Extract<Outbound, { channel: 'sms' | 'whatsapp' }>): Record<string, string> | string {
  if (message.channel === 'sms') {
    if (!account.sms_number) return 'Twilio has no SMS number set up: add one to the Twilio integration.';
    return { To: message.to, From: e164(account.sms_number), Body: message.text };
  }
  if (!account.whatsapp_number) return 'Twilio has no WhatsApp sender set up: add one to the Twilio integration.';
  const pair = { To: `whatsapp:${message.to}`, From: `whatsapp:${e164(account.whatsapp_number)}` };
  if (!('template' in message)) return { ...pair, Body: message.text };
  const { name, variables } = message.template;
  if (!CONTENT_SID.test(name)) return `Twilio sends WhatsApp templates by their Content SID (HX…), and “${name}” is not one.`;
  // Twilio's templates number their placeholders {{1}}, {{2}}…; the language is part of the Content SID.
  const numbered = Object.fromEntries(variables.map((value, i) => [String(i + 1), value]));
  return { ...pair, ContentSid: name, ...(variables.length > 0 ? { ContentVariables: JSON.stringify(numbered) } : {}) };
}

/** Click-to-call: Twilio rings the agent, and the TwiML dials the customer once the agent answers. */
function callForm(message: Extract<Outbound, { channel: 'call' }>): Record<string, string> {
  const record = message.record ? 'record-from-answer' : 'do-not-record';
  return {
    To: message.agent,
    From: message.callerId,
    Twiml: `<Response><Dial callerId="${xml(message.callerId)}" record="${record}">${xml(message.to)}</Dial></Response>`,
  };
}

export function twilioSender(api: BaseUrl & { url: string }): SendSpec<Account> {
  return {
    channels: ['sms', 'whatsapp', 'call'],
    async send(account, message, ctx: SendContext): Promise<SendResult> {
      if (message.channel === 'email') return cannotSend('Twilio sends SMS, WhatsApp and calls, not email.');
      const form = message.channel === 'call' ? callForm(message) : messageForm(account, message);
      if (typeof form === 'string') return cannotSend(form);
      const resource = message.channel === 'call' ? 'Calls' : 'Messages';
      const response = await ctx.request(`${ctx.baseUrl(api)}/2010-04-01/Accounts/${encodeURIComponent(account.account_sid)}/${resource}.json`, {
        method: 'POST',
        headers: { ...formEncoded, authorization: basicAuth(account.account_sid, account.auth_token) },
        // Calls report `completed` by default; messages every transition.
        body: new URLSearchParams({ ...form, ...(ctx.callbackUrl ? { StatusCallback: ctx.callbackUrl } : {}) }).toString(),
      });
      if (response.status < 200 || response.status >= 300) return twilioSendFailure(response);
      const body = objectBody(response);
      const sid = asString(body?.sid);
      const status = asString(body?.status);
      // A 2xx means Twilio took it: without a readable sid it is still sent, never sent again.
      return { ok: true, providerId: sid ?? '', httpStatus: response.status, ...(status ? { providerStatus: status } : {}) };
    },
  };
}
