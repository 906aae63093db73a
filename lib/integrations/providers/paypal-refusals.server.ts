import 'server-only';
import type { OperationResult } from '@/lib/operations/define.server';
import { retryAfterSeconds, type ProbeResponse } from '../define.server';
import { asArray, asRecord, asString, objectBody } from './common.server';
import { paypalFailure } from './paypal-common.server';

// What a PayPal error means for one payment operation. A 401 that a fresh token did not cure, and a
// 403, end it as the connection test would (thrown); 429 and 5xx are worth another attempt under the
// same PayPal-Request-Id; everything else is this request refused, by the issue PayPal names.

export type Refusal = Extract<OperationResult<never>, { ok: false }>;

/** The first detail's issue, e.g. ORDER_NOT_APPROVED. */
export const issueOf = (response: ProbeResponse) => asString(asRecord(asArray(objectBody(response)?.details)[0])?.issue);

/** Issues in words a caller can act on. */
const ISSUES: Record<string, [code: string, message: string, field?: string]> = {
  ORDER_NOT_APPROVED: ['not_approved', 'The buyer has not approved this payment yet: send them to its approveUrl first.'],
  INSTRUMENT_DECLINED: ['instrument_declined', 'The buyer’s funding source was declined: send them to the approveUrl again to choose another.'],
  PAYER_ACTION_REQUIRED: ['not_approved', 'The buyer has not approved this payment yet: send them to its approveUrl first.'],
  DUPLICATE_INVOICE_ID: ['duplicate_invoice', 'PayPal already has a payment with this invoice id: use a new one.', 'invoiceId'],
  DECIMAL_PRECISION: ['invalid_amount', 'PayPal does not take this many decimals for this currency.', 'amount'],
  CURRENCY_NOT_SUPPORTED: ['invalid_currency', 'PayPal does not support this currency.', 'currency'],
  REFUND_AMOUNT_EXCEEDED: ['refund_too_large', 'The refund is more than what is left of the payment.', 'amount'],
  REFUND_CURRENCY_MISMATCH: ['invalid_currency', 'A refund is in the payment’s own currency.', 'amount'],
  ORDER_NOT_CAPTURED: ['not_captured', 'Capture the payment before refunding it.'],
  MAX_NUMBER_OF_REFUNDS_EXCEEDED: ['too_many_refunds', 'PayPal takes no more refunds for this capture.'],
};

/** PayPal's field pointers (`/purchase_units/@reference_id=='default'/amount/value`) → input fields. */
function fieldOf(pointer: string | null): string | undefined {
  if (!pointer) return undefined;
  const rules: [RegExp, string][] = [
    [/currency_code$/, 'currency'],
    [/amount/, 'amount'],
    [/invoice_id$/, 'invoiceId'],
    [/description$/, 'description'],
    [/return_url$/, 'returnUrl'],
    [/cancel_url$/, 'cancelUrl'],
  ];
  return rules.find(([rule]) => rule.test(pointer))?.[1];
}

export function paypalRefusal(response: ProbeResponse, mode: 'sandbox' | 'live'): Refusal {
  const { status } = response;
  if (status === 401 || status === 403) throw paypalFailure(response, mode, 'take payments');
  const body = objectBody(response);
  const issue = issueOf(response);
  const providerCode = issue ?? asString(body?.name) ?? undefined;
  if (status === 429) {
    return { ok: false, kind: 'retry', code: 'rate_limited', httpStatus: status, message: 'PayPal is rate limiting this app.', providerCode, retryAfterSeconds: retryAfterSeconds(response) };
  }
  if (status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', httpStatus: status, message: `PayPal could not handle the request (HTTP ${status}).`, providerCode };
  if (status === 404) {
    return { ok: false, kind: 'rejected', notFound: true, code: 'not_found', httpStatus: status, message: 'PayPal has no such order or capture for this app.', providerCode: providerCode ?? 'RESOURCE_NOT_FOUND' };
  }
  const known = issue ? ISSUES[issue] : undefined;
  const detail = asRecord(asArray(body?.details)[0]);
  const field = known ? known[2] : fieldOf(asString(detail?.field) ?? asString(detail?.description));
  const description = asString(detail?.description) ?? asString(body?.message);
  return {
    ok: false,
    kind: 'rejected',
    code: known?.[0] ?? (status === 422 ? 'unprocessable' : 'invalid_request'),
    httpStatus: status,
    message: known?.[1] ?? (description ? `PayPal refused the request: ${description.slice(0, 300)}` : `PayPal refused the request (HTTP ${status}).`),
    ...(providerCode ? { providerCode } : {}),
    ...(field ? { field } : {}),
  };
}
