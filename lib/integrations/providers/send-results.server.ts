import 'server-only';
import type { SendFailureCode, SendResult } from '@/lib/gateway/define';
import { retryAfterSeconds, type ProbeResponse } from '../define.server';

// How the phone senders word what happened to one attempt. Every sentence is written for the
// activity log: a provider's own reason may be quoted (shortened), never a message body or a secret.

export type SendFailure = Extract<SendResult, { ok: false }>;

/** A provider's own reason, trimmed to one readable line. */
export function reason(text: string | null | undefined): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const withCode = (providerCode: string | number | null | undefined) =>
  providerCode === null || providerCode === undefined || providerCode === '' ? {} : { providerCode: String(providerCode) };

export function failure(
  kind: SendFailure['kind'],
  code: SendFailureCode,
  message: string,
  response: Pick<ProbeResponse, 'status'>,
  providerCode?: string | number | null,
): SendFailure {
  return { ok: false, kind, code, message, httpStatus: response.status, ...withCode(providerCode) };
}

/** The credentials stopped working: the gateway holds the integration's requests. */
export const dead = (message: string, response: Pick<ProbeResponse, 'status'>, providerCode?: string | number | null, code: SendFailureCode = 'bad_credentials') =>
  failure('dead', code, message, response, providerCode);

/** Refused for good: never retried (the gateway may hand it to a fallback). */
export const refused = (message: string, response: Pick<ProbeResponse, 'status'>, providerCode?: string | number | null) =>
  failure('rejected', 'rejected', message, response, providerCode);

/** A 429: retried, after the provider's Retry-After when it gave one. */
export function rateLimitedSend(response: ProbeResponse, provider: string, providerCode?: string | number | null): SendFailure {
  const after = retryAfterSeconds(response);
  return {
    ...failure('retry', 'rate_limited', `${provider} is rate limiting this account.`, response, providerCode),
    ...(after === undefined ? {} : { retryAfterSeconds: after }),
  };
}

/** A 5xx: the provider's trouble, worth another attempt. */
export const providerError = (response: Pick<ProbeResponse, 'status'>, provider: string, providerCode?: string | number | null) =>
  failure('retry', 'provider_error', `${provider} had an internal error (HTTP ${response.status}).`, response, providerCode);

/** A reply that cannot be read: retried, since nothing says the provider refused it. */
export const unreadable = (response: Pick<ProbeResponse, 'status'>, provider: string) =>
  failure('retry', 'invalid_response', `${provider} answered in an unexpected way (HTTP ${response.status}).`, response);

/** A request this integration cannot make, refused before anything reaches the provider. */
export const cannotSend = (message: string): SendFailure => ({ ok: false, kind: 'rejected', code: 'rejected', message });
