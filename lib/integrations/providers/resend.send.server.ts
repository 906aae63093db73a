import 'server-only';
import type { Outbound, SendContext, SendResult, SendSpec } from '@/lib/gateway/define';
import { retryAfterSeconds, type BaseUrl, type ProbeResponse } from '../define.server';
import { asString, bearerHeaders, objectBody } from './common.server';

// Email through Resend's POST /emails. Every attempt of a request carries the same Idempotency-Key,
// so an attempt that timed out after Resend accepted it is answered with the first reply instead of
// a second email. The gateway's request id travels as the gw_id tag, which webhooks echo back.

type ResendCredentials = { api_key: string; from_email: string };
type Failure = Extract<SendResult, { ok: false }>;

const USER_AGENT = 'Switchboard gateway';
/** Key failures Resend names outright; older and newer docs disagree on the names, so both are here. */
const DEAD_KEY_NAMES = new Set(['missing_api_key', 'invalid_api_key', 'suspended_api_key']);

/** Seconds until Resend's daily (UTC midnight) or monthly (the 1st, UTC) sending quota resets. */
function untilQuotaReset(monthly: boolean, now = new Date()): number {
  const reset = monthly
    ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)
    : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((reset - now.getTime()) / 1000));
}

/** What Resend's headers say about the wait: Retry-After, else ratelimit-reset (seconds). */
function headerWait(response: ProbeResponse): number | undefined {
  const after = retryAfterSeconds(response);
  if (after !== undefined) return after;
  const reset = Number(response.headers['ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? Math.ceil(reset) : undefined;
}

/** Turns a Resend error reply into the gateway's outcome. */
export function resendSendFailure(response: ProbeResponse): Failure {
  const body = objectBody(response);
  const name = asString(body?.name) ?? '';
  const said = asString(body?.message)?.slice(0, 300) ?? '';
  const status = response.status;
  const base = { httpStatus: status, ...(name ? { providerCode: name } : {}) };
  const rejected = (message: string): Failure => ({ ok: false, kind: 'rejected', code: 'rejected', message, ...base });

  if (name === 'restricted_api_key') {
    return { ok: false, kind: 'dead', code: 'bad_credentials', message: 'This Resend API key cannot send email: create a key with sending access.', ...base };
  }
  if (DEAD_KEY_NAMES.has(name) || /api key is (invalid|not active)/i.test(said) || (status === 401 && !name)) {
    return { ok: false, kind: 'dead', code: 'bad_credentials', message: 'Resend no longer accepts this API key: it is invalid, deleted or suspended.', ...base };
  }
  if (status === 429) {
    if (name === 'daily_quota_exceeded' || name === 'monthly_quota_exceeded') {
      // Blocked until the quota resets: wait for that, or for less when the headers say so.
      const untilReset = untilQuotaReset(name === 'monthly_quota_exceeded');
      const wait = headerWait(response);
      const which = name === 'monthly_quota_exceeded' ? 'monthly' : 'daily';
      return { ok: false, kind: 'retry', code: 'rate_limited', message: `The Resend account has used its ${which} sending quota.`, ...base, retryAfterSeconds: Math.min(untilReset, wait ?? untilReset) };
    }
    const after = retryAfterSeconds(response);
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'Resend is rate limiting this account.', ...base, ...(after !== undefined ? { retryAfterSeconds: after } : {}) };
  }
  if (status === 409 && name === 'concurrent_idempotent_requests') {
    // The first attempt is still being answered: ask again later with the same key.
    return { ok: false, kind: 'retry', code: 'provider_error', message: 'Resend is still processing an earlier attempt of this email.', ...base };
  }
  if (status === 409 && name === 'invalid_idempotent_request') {
    return rejected('Resend refused the email: an earlier attempt with the same idempotency key had different content.');
  }
  if (status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', message: `Resend had a temporary problem (HTTP ${status}).`, ...base };
  if (status === 403 && !body) return rejected('Resend’s edge refused the request (no User-Agent or a blocked client).');
  // Validation errors, an unverified sender domain, a testing-only sender: never right on a retry.
  return rejected(said ? `Resend refused the email: ${said}` : `Resend refused the email (HTTP ${status}).`);
}

export function resendSender(api: BaseUrl & { url: string }): SendSpec<ResendCredentials> {
  return {
    channels: ['email'],
    async send(credentials, message: Outbound, ctx: SendContext): Promise<SendResult> {
      if (message.channel !== 'email') return { ok: false, kind: 'rejected', code: 'rejected', message: `Resend cannot send ${message.channel}.` };
      const response = await ctx.request(`${ctx.baseUrl(api)}/emails`, {
        method: 'POST',
        headers: {
          ...bearerHeaders(credentials.api_key),
          'content-type': 'application/json',
          // Resend's edge refuses requests without one.
          'user-agent': USER_AGENT,
          'idempotency-key': ctx.idempotencyKey,
        },
        body: JSON.stringify({
          from: credentials.from_email,
          to: [message.to],
          subject: message.subject,
          ...(message.html !== undefined ? { html: message.html } : {}),
          ...(message.text !== undefined ? { text: message.text } : {}),
          tags: [{ name: 'gw_id', value: ctx.requestId }],
        }),
      });
      if (response.status !== 200) return resendSendFailure(response);
      const id = asString(objectBody(response)?.id);
      // A 200 means Resend took the email: even without an id, sending again would duplicate it.
      return { ok: true, providerId: id ?? '', httpStatus: 200 };
    },
  };
}
