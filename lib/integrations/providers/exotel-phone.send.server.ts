import 'server-only';
import type { SendContext, SendResult, SendSpec } from '@/lib/gateway/define';
import type { ProbeResponse } from '../define.server';
import { asRecord, asString, formEncoded, objectBody } from './common.server';
import { exotelAuthorization, exotelBase, exotelSendFailure, type ExotelAccount } from './exotel-common.server';
import { cannotSend } from './send-results.server';

// Exotel's v1 API sends SMS and connects calls. Both carry the gateway's request id in CustomField,
// which Exotel echoes in its callbacks and keeps on the call or message.
//
// Exotel's Calls/connect is not idempotent (nor is Sms/send): it takes no key, and repeating it rings
// the agent and the customer a second time. An attempt that timed out or got a 5xx may still have
// connected, so before connecting again the call is to be looked up by its CustomField; this module
// makes one attempt and leaves whether to repeat it to the gateway.

type Account = ExotelAccount & { virtual_number: string };

/** The `{ RestException: { Status, Code?, Message } }` Exotel answers errors with (also inside a 200). */
function restException(response: ProbeResponse): { status: number; code: string | number | null; message: string | null } | null {
  const exception = asRecord(objectBody(response)?.RestException);
  if (!exception) return null;
  const status = Number(exception.Status);
  const code = typeof exception.Code === 'string' || typeof exception.Code === 'number' ? exception.Code : null;
  return { status: Number.isInteger(status) ? status : response.status, code, message: asString(exception.Message) };
}

/** The resource Exotel answers a send with (`SMSMessage` or `Call`), as the gateway records it. */
function outcome(response: ProbeResponse, key: 'SMSMessage' | 'Call', what: 'message' | 'call'): SendResult {
  const exception = restException(response);
  if (response.status < 200 || response.status >= 300 || exception) {
    return exotelSendFailure(response, exception ?? { status: response.status }, what);
  }
  const resource = asRecord(objectBody(response)?.[key]);
  const sid = asString(resource?.Sid);
  const status = asString(resource?.Status);
  // A 2xx without an error means Exotel took it: without a readable Sid it is still sent, never sent again.
  return { ok: true, providerId: sid ?? '', httpStatus: response.status, ...(status ? { providerStatus: status } : {}) };
}

export const exotelPhoneSender: SendSpec<Account> = {
  channels: ['sms', 'call'],
  async send(account, message, ctx: SendContext): Promise<SendResult> {
    let path: string;
    let form: Record<string, string>;
    if (message.channel === 'sms') {
      path = 'Sms/send.json';
      form = { From: account.virtual_number, To: message.to, Body: message.text, CustomField: ctx.requestId, ...(ctx.callbackUrl ? { StatusCallback: ctx.callbackUrl } : {}) };
    } else if (message.channel === 'call') {
      // Exotel rings From (the agent) first and connects To (the customer) once the agent answers.
      path = 'Calls/connect.json';
      form = {
        From: message.agent,
        To: message.to,
        CallerId: message.callerId,
        Record: message.record ? 'true' : 'false',
        CustomField: ctx.requestId,
        // Once, at the call's end, as JSON: the outcome and each leg's duration.
        ...(ctx.callbackUrl
          ? { StatusCallback: ctx.callbackUrl, 'StatusCallbackEvents[0]': 'terminal', StatusCallbackContentType: 'application/json' }
          : {}),
      };
    } else {
      return cannotSend('Exotel Phone sends SMS and calls only.');
    }
    const response = await ctx.request(`${exotelBase(ctx, account.region)}/v1/Accounts/${encodeURIComponent(account.account_sid)}/${path}`, {
      method: 'POST',
      headers: { ...formEncoded, authorization: exotelAuthorization(account) },
      body: new URLSearchParams(form).toString(),
    });
    return message.channel === 'sms' ? outcome(response, 'SMSMessage', 'message') : outcome(response, 'Call', 'call');
  },
};
