import * as z from 'zod/mini';
import '../locale';
import { amountFitsCurrency, currencyCode, moneyAmount } from '@/lib/operations/money';
import { noNul } from '../common';

// The public contract of the payment operations (Stripe payment intents, PayPal orders): what a
// caller sends and gets back, in camelCase. Amounts go in as major units (99.99 or "99.99") and come
// back as exact decimal strings; the providers' own shapes stay in their server modules.

const text = (max: number, what: string) => z.string().check(noNul(), z.minLength(1, `Leave ${what} out or give it text.`), z.maxLength(max, `Keep ${what} under ${max} characters.`));
const email = z.string().check(noNul(), z.trim(), z.toLowerCase(), z.email('Enter an email address.'), z.maxLength(254));
const url = (https: boolean) =>
  z.url({
    protocol: https ? /^https$/ : /^https?$/,
    error: https ? 'Give a full https:// URL.' : 'Give a full http:// or https:// URL.',
  });

export const stripePaymentId = z.string('Give the payment id, e.g. pi_3Mtw….').check(z.regex(/^pi_[A-Za-z0-9]{1,250}$/, 'A Stripe payment id starts with pi_, e.g. pi_3MtwBwLkdIwHu7ix28a3tqPa.'));
export const paypalPaymentId = z.string('Give the order id, e.g. 5O190127TN364715T.').check(z.regex(/^[A-Z0-9]{1,36}$/, 'A PayPal order id is up to 36 capital letters and digits, e.g. 5O190127TN364715T.'));

/** Caller's keys for Stripe metadata; gw_id is the portal's own (it matches Stripe's callbacks to the request). */
const metadata = z.record(
  z.string().check(
    z.minLength(1, 'A metadata key cannot be empty.'),
    z.maxLength(40, 'Keep metadata keys under 40 characters.'),
    z.regex(/^[^[\]\u0000]+$/, 'A metadata key cannot contain square brackets.'),
    z.refine((key) => key !== 'gw_id', 'gw_id is the portal’s own metadata key: choose another name.'),
  ),
  z.string().check(noNul(), z.maxLength(500, 'Keep metadata values under 500 characters.')),
).check(z.refine((value) => Object.keys(value).length <= 20, 'Give at most 20 metadata keys.'));

const refundReason = z.enum(['duplicate', 'fraudulent', 'requested_by_customer'], 'Choose duplicate, fraudulent or requested_by_customer.');
const decimal = z.string().check(z.regex(/^\d+(\.\d+)?$/));

export const stripeCreateIntentInput = z
  .object({
    amount: moneyAmount,
    currency: currencyCode,
    description: z.optional(text(1000, 'the description')),
    metadata: z.optional(metadata),
    receiptEmail: z.optional(email),
  })
  .check(amountFitsCurrency());

export const stripeCreateIntentOutput = z.object({
  paymentId: z.string(),
  provider: z.literal('stripe'),
  /** For the payer's browser (Stripe.js) only: never log it or show it to anyone else. */
  clientSecret: z.string(),
  status: z.string(),
  amount: decimal,
  amountMinor: z.number().check(z.int()),
  currency: z.string(),
  livemode: z.boolean(),
});

export const stripeConfirmIntentInput = z.object({
  paymentId: stripePaymentId,
  paymentMethod: z.string('Give the payment method, e.g. pm_card_visa.').check(z.regex(/^pm_[A-Za-z0-9_]{1,250}$/, 'A payment method id starts with pm_, e.g. pm_card_visa.')),
  returnUrl: z.optional(url(true)),
});

export const stripeConfirmIntentOutput = z.object({
  paymentId: z.string(),
  provider: z.literal('stripe'),
  status: z.string(),
  /** What the payer must do next (redirect_to_url, use_stripe_sdk), or null. */
  nextAction: z.nullable(z.string()),
});

export const paypalCreateOrderInput = z
  .object({
    amount: moneyAmount,
    currency: currencyCode,
    description: z.optional(text(127, 'the description')),
    invoiceId: z.optional(text(127, 'the invoice id')),
    returnUrl: z.optional(url(false)),
    cancelUrl: z.optional(url(false)),
  })
  .check(amountFitsCurrency());

export const paypalCreateOrderOutput = z.object({
  paymentId: z.string(),
  provider: z.literal('paypal'),
  status: z.string(),
  /** Where to send the buyer to approve the payment. */
  approveUrl: z.nullable(z.string()),
  amount: decimal,
  currency: z.string(),
});

export const paypalCaptureOrderInput = z.object({ paymentId: paypalPaymentId });

export const paypalCaptureOrderOutput = z.object({
  paymentId: z.string(),
  provider: z.literal('paypal'),
  status: z.string(),
  captureId: z.nullable(z.string()),
  amount: decimal,
  currency: z.string(),
});

export const getPaymentInput = <I extends z.ZodMiniString>(paymentId: I) => z.object({ paymentId });

/** One shape for both providers' payments. */
export const paymentOutput = z.object({
  paymentId: z.string(),
  provider: z.enum(['stripe', 'paypal']),
  status: z.string(),
  amount: decimal,
  currency: z.string(),
  /** Major units refunded so far, when the provider reports it. */
  amountRefunded: z.nullable(decimal),
  /** PayPal's capture id (refunds go to it); null for Stripe and before capture. */
  captureId: z.nullable(z.string()),
  /** Stripe's livemode; null for PayPal. */
  livemode: z.nullable(z.boolean()),
});

/** A refund of the whole remaining amount, or of `amount` in the payment's currency. */
export const refundInput = <I extends z.ZodMiniString>(paymentId: I) =>
  z.object({
    paymentId,
    amount: z.optional(moneyAmount),
    reason: z.optional(refundReason),
  });

export const refundOutput = z.object({
  refundId: z.string(),
  paymentId: z.string(),
  provider: z.enum(['stripe', 'paypal']),
  status: z.string(),
  /** Major units refunded by this refund. */
  amount: decimal,
  currency: z.string(),
});
