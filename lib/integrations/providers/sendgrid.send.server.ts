import 'server-only';
import type { Outbound, SendContext, SendResult, SendSpec } from '@/lib/gateway/define';
import { retryAfterSeconds, type BaseUrl, type ProbeResponse } from '../define.server';
import { asRecord, asString, bearerHeaders, objectBody } from './common.server';

// Email through SendGrid's POST /v3/mail/send. SendGrid has no idempotency key, so a retry after a
// timeout (SendGrid may have accepted the first try) can send the email twice. The gateway's request
// id travels in custom_args, which every event webhook repeats.

type SendGridCredentials = { api_key: string; from_email: string; region: 'global' | 'eu' };
type Failure = Extract<SendResult, { ok: false }>;

/** Seconds until the limit resets: X-RateLimit-Reset (an epoch second), else Retry-After. */
function resetSeconds(response: ProbeResponse): number | undefined {
  const reset = Number(response.headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) {
    const seconds = Math.ceil(reset - Date.now() / 1000);
    // A reset in the past or absurdly far away is a clock problem, not a wait.
    if (seconds > 0 && seconds <= 24 * 3600) return seconds;
  }
  return retryAfterSeconds(response);
}

/** SendGrid's own words: the messages of its {errors:[{message}]} body, joined. */
function messagesOf(response: ProbeResponse): string {
  const errors = objectBody(response)?.errors;
  return (Array.isArray(errors) ? errors : [])
    .map((e) => asString(asRecord(e)?.message))
    .filter((m): m is string => Boolean(m))
    .join(' ')
    .slice(0, 300);
}

/** Turns a SendGrid error reply into the gateway's outcome. */
export function sendgridSendFailure(response: ProbeResponse): Failure {
  const status = response.status;
  const said = messagesOf(response);
  const base = { httpStatus: status };
  if (status === 401) {
    return { ok: false, kind: 'dead', code: 'bad_credentials', message: 'SendGrid no longer accepts this API key: it is invalid, expired or revoked.', ...base };
  }
  if (status === 403) {
    // The same status covers a key without Mail Send and a from address SendGrid has not verified;
    // only the second is about this email rather than the key.
    if (/sender identity|verified sender|not verified|unverified/i.test(said)) {
      return { ok: false, kind: 'rejected', code: 'rejected', message: `SendGrid refused the from address: ${said}`, ...base };
    }
    return { ok: false, kind: 'dead', code: 'bad_credentials', message: 'SendGrid refused this API key: it needs Mail Send access.', ...base };
  }
  if (status === 429) {
    const after = resetSeconds(response);
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'SendGrid is rate limiting this account.', ...base, ...(after !== undefined ? { retryAfterSeconds: after } : {}) };
  }
  if (status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', message: `SendGrid had a temporary problem (HTTP ${status}).`, ...base };
  if (status === 413) return { ok: false, kind: 'rejected', code: 'rejected', message: 'SendGrid refused the email: it is too large.', ...base };
  return { ok: false, kind: 'rejected', code: 'rejected', message: said ? `SendGrid refused the email: ${said}` : `SendGrid refused the email (HTTP ${status}).`, ...base };
}

export function sendgridSender(global: BaseUrl & { url: string }, eu: BaseUrl & { url: string }): SendSpec<SendGridCredentials> {
  return {
    channels: ['email'],
    async send(credentials, message: Outbound, ctx: SendContext): Promise<SendResult> {
      if (message.channel !== 'email') return { ok: false, kind: 'rejected', code: 'rejected', message: `SendGrid cannot send ${message.channel}.` };
      const base = ctx.baseUrl(credentials.region === 'eu' ? eu : global);
      // SendGrid wants text/plain before text/html, and refuses empty content blocks.
      const content = [
        ...(message.text ? [{ type: 'text/plain', value: message.text }] : []),
        ...(message.html ? [{ type: 'text/html', value: message.html }] : []),
      ];
      const response = await ctx.request(`${base}/v3/mail/send`, {
        method: 'POST',
        headers: { ...bearerHeaders(credentials.api_key), 'content-type': 'application/json' },
        body: JSON.stringify({
          personalizations: [{ to: [{ email: message.to }], custom_args: { gw_id: ctx.requestId } }],
          from: { email: credentials.from_email },
          subject: message.subject,
          content,
        }),
      });
      if (response.status !== 202 && response.status !== 200) return sendgridSendFailure(response);
      // Accepted: even without the id header, sending again would duplicate the email.
      return { ok: true, providerId: response.headers['x-message-id'] ?? '', httpStatus: response.status };
    },
  };
}
