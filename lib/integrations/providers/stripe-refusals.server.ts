import 'server-only';
import type { OperationResult } from '@/lib/operations/define.server';
import { retryAfterSeconds, type ProbeResponse } from '../define.server';
import { asRecord, asString, objectBody } from './common.server';
import { stripeFailure, type StripePermission } from './stripe-common.server';

// What a Stripe error means for one payment operation. A refused key ends it as the connection test
// would (thrown); a lock, rate limit or server error is worth another attempt with the same
// idempotency key; Stripe-Should-Retry, when Stripe sends it, overrides both. Everything else is
// this request refused, in plain words, on the input field Stripe named.

export type Refusal = Extract<OperationResult<never>, { ok: false }>;

/** Stripe's parameter names → the operations' input fields. */
const FIELDS: Record<string, string> = {
  amount: 'amount',
  currency: 'currency',
  payment_method: 'paymentMethod',
  description: 'description',
  receipt_email: 'receiptEmail',
  return_url: 'returnUrl',
  payment_intent: 'paymentId',
  intent: 'paymentId',
  reason: 'reason',
};

const fieldOf = (param: string | null) => (param ? (FIELDS[param] ?? (param.startsWith('metadata') ? 'metadata' : undefined)) : undefined);

/** Decline codes in words a payer can act on; anything else is a plain decline. */
const DECLINES: Record<string, string> = {
  insufficient_funds: 'The card has insufficient funds.',
  expired_card: 'The card has expired.',
  incorrect_cvc: 'The card’s security code is incorrect.',
  incorrect_number: 'The card number is incorrect.',
  processing_error: 'The card could not be processed; try again in a moment.',
  authentication_required: 'The card’s bank requires authentication, which this payment did not complete.',
};

/** Stripe's message without the personal or secret values it may quote (an email, a client secret). */
const redacted = (message: string) =>
  message
    .replace(/[^\s@'"<>]+@[^\s@'"<>]+/g, '[email]')
    .replace(/_secret_[A-Za-z0-9]+/g, '_secret_[hidden]')
    .slice(0, 300);

export function stripeRefusal(response: ProbeResponse, permission: StripePermission): Refusal {
  const { status } = response;
  if (status === 401 || status === 403) throw stripeFailure(response, permission);
  const error = asRecord(objectBody(response)?.error);
  const type = asString(error?.type);
  const code = asString(error?.code);
  const param = asString(error?.param);
  const providerCode = code ?? type ?? undefined;
  const shouldRetry = response.headers['stripe-should-retry'];

  if (status === 429) {
    return { ok: false, kind: 'retry', code: 'rate_limited', httpStatus: status, message: 'Stripe is rate limiting this account.', providerCode, retryAfterSeconds: retryAfterSeconds(response) };
  }
  if (shouldRetry === 'true' || (shouldRetry !== 'false' && (status === 409 || status >= 500))) {
    const message = status === 409 ? 'Stripe is still handling another request with this idempotency key.' : `Stripe could not handle the request (HTTP ${status}).`;
    return { ok: false, kind: 'retry', code: 'provider_error', httpStatus: status, message, providerCode };
  }
  if (status === 404 || (code === 'resource_missing' && (param === null || param === 'intent' || param === 'payment_intent'))) {
    return { ok: false, kind: 'rejected', notFound: true, code: 'not_found', httpStatus: status, message: 'Stripe has no such payment intent for this key.', providerCode: code ?? 'resource_missing' };
  }
  if (type === 'card_error') {
    const decline = asString(error?.decline_code);
    const words = DECLINES[decline ?? ''] ?? DECLINES[code ?? ''] ?? 'The card was declined.';
    return {
      ok: false,
      kind: 'rejected',
      code: 'card_declined',
      httpStatus: status,
      message: `${words} Ask the payer to use another card or payment method.`,
      providerCode: decline ?? code ?? 'card_declined',
    };
  }
  if (type === 'idempotency_error') {
    return {
      ok: false,
      kind: 'rejected',
      code: 'idempotency_conflict',
      httpStatus: status,
      message: 'Stripe already saw this idempotency key with other values: use a new key for a different request.',
      providerCode: code ?? type,
    };
  }
  if (code === 'charge_already_refunded') {
    return { ok: false, kind: 'rejected', code: 'already_refunded', httpStatus: status, message: 'This payment has already been refunded in full.', providerCode: code };
  }
  const message = asString(error?.message);
  const field = fieldOf(param);
  return {
    ok: false,
    kind: 'rejected',
    code: status >= 500 ? 'provider_error' : 'invalid_request',
    httpStatus: status,
    message: message ? `Stripe refused the request: ${redacted(message)}` : `Stripe refused the request (HTTP ${status}).`,
    ...(providerCode ? { providerCode } : {}),
    ...(field ? { field } : {}),
  };
}
