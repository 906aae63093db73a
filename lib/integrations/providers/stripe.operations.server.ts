import 'server-only';
import type * as z from 'zod/mini';
import { implementOperations, type OperationContext } from '@/lib/operations/define.server';
import { fromMinorUnits, moneyProblem, toMinorUnits } from '@/lib/money';
import { unexpected, type ProbeResponse } from '../define.server';
import { asNumber, asRecord, asString, bearerHeaders, formEncoded, objectBody } from './common.server';
import type stripe from './stripe';
import { STRIPE_API } from './stripe-common.server';
import { stripeOperations } from './stripe.operations';
import { stripeRefusal, type Refusal } from './stripe-refusals.server';

// Payment intents and refunds over Stripe's form-encoded API. Every POST carries the portal's
// idempotency key, so an attempt the portal repeats after a timeout is answered by Stripe with the
// first attempt's result instead of charging or refunding twice. The request id goes into
// metadata[gw_id], which Stripe's callbacks echo.

type Credentials = z.output<typeof stripe.schema>;
type Intent = Record<string, unknown>;

const INTENTS = { action: 'create and confirm payments', grant: 'Write access to PaymentIntents' };
const REFUNDS = { action: 'refund payments', grant: 'Write access to Refunds' };
const READ = { action: 'read payments', grant: 'Read access to PaymentIntents' };

const base = (ctx: OperationContext) => ctx.baseUrl(STRIPE_API);

function post(credentials: Credentials, ctx: OperationContext, path: string, form: URLSearchParams): Promise<ProbeResponse> {
  return ctx.request(`${base(ctx)}${path}`, {
    method: 'POST',
    headers: { ...bearerHeaders(credentials.secret_key), ...formEncoded, 'idempotency-key': ctx.idempotencyKey },
    body: form.toString(),
  });
}

/** A payment intent as Stripe returns it, or what its answer means when it is not one. */
function intentOf(response: ProbeResponse, ok: number[], permission = INTENTS): { intent: Intent } | { refusal: Refusal } {
  if (!ok.includes(response.status)) return { refusal: stripeRefusal(response, permission) };
  const body = objectBody(response);
  if (!body || body.object !== 'payment_intent' || typeof body.id !== 'string' || asNumber(body.amount) === null || !asString(body.currency)) {
    throw unexpected(response, 'Stripe');
  }
  return { intent: body };
}

/** The intent with its latest charge, which carries how much was refunded. */
async function retrieve(credentials: Credentials, ctx: OperationContext, id: string) {
  const response = await ctx.request(`${base(ctx)}/v1/payment_intents/${encodeURIComponent(id)}?expand[]=latest_charge`, {
    headers: bearerHeaders(credentials.secret_key),
  });
  return intentOf(response, [200], READ);
}

const currencyOf = (intent: Intent) => asString(intent.currency)!.toUpperCase();
const amountOf = (intent: Intent) => asNumber(intent.amount)!;
const refundedOf = (intent: Intent) => asNumber(asRecord(intent.latest_charge)?.amount_refunded) ?? 0;

/** The payment's state as the portal names it: refunds read over the intent's own status. */
function paymentState(intent: Intent): string {
  const refunded = refundedOf(intent);
  if (refunded > 0) return refunded >= amountOf(intent) ? 'refunded' : 'partially_refunded';
  return asString(intent.status) ?? 'unknown';
}

export const stripeOperationRuns = implementOperations<Credentials, typeof stripeOperations>(stripeOperations, {
  async create_intent(credentials, input, ctx) {
    const currency = input.currency.toUpperCase();
    // Stripe counts a few currencies its own way (ISK in hundredths, BHD in steps of ten).
    const problem = moneyProblem(input.amount, currency, 'stripe');
    if (problem) return { ok: false, kind: 'rejected', code: 'invalid_amount', message: problem, field: 'amount' };
    const minor = toMinorUnits(input.amount, currency, 'stripe');
    const form = new URLSearchParams({ amount: String(minor), currency: currency.toLowerCase(), 'automatic_payment_methods[enabled]': 'true' });
    if (input.description) form.set('description', input.description);
    if (input.receiptEmail) form.set('receipt_email', input.receiptEmail);
    for (const [key, value] of Object.entries(input.metadata ?? {})) form.set(`metadata[${key}]`, value);
    form.set('metadata[gw_id]', ctx.requestId);
    const response = await post(credentials, ctx, '/v1/payment_intents', form);
    const got = intentOf(response, [200]);
    if ('refusal' in got) return got.refusal;
    const { intent } = got;
    const clientSecret = asString(intent.client_secret);
    if (!clientSecret) throw unexpected(response, 'Stripe');
    const status = asString(intent.status) ?? 'requires_payment_method';
    return {
      ok: true,
      httpStatus: 200,
      output: {
        paymentId: String(intent.id),
        provider: 'stripe',
        clientSecret,
        status,
        amount: fromMinorUnits(amountOf(intent), currencyOf(intent), 'stripe'),
        amountMinor: amountOf(intent),
        currency: currencyOf(intent),
        livemode: intent.livemode === true,
      },
      objectId: String(intent.id),
      objectStatus: status,
      pending: true,
      details: { amount_minor: amountOf(intent), currency: currencyOf(intent) },
    };
  },

  async confirm_intent(credentials, input, ctx) {
    const form = new URLSearchParams({ payment_method: input.paymentMethod });
    if (input.returnUrl) form.set('return_url', input.returnUrl);
    const got = intentOf(await post(credentials, ctx, `/v1/payment_intents/${encodeURIComponent(input.paymentId)}/confirm`, form), [200]);
    if ('refusal' in got) return got.refusal;
    const status = asString(got.intent.status) ?? 'unknown';
    return {
      ok: true,
      httpStatus: 200,
      output: { paymentId: input.paymentId, provider: 'stripe', status, nextAction: asString(asRecord(got.intent.next_action)?.type) },
      objectId: input.paymentId,
      objectStatus: status,
      ...(status === 'succeeded' ? { settles: 'completed' as const } : status === 'canceled' ? { settles: 'failed' as const } : { pending: true }),
    };
  },

  async get_payment(credentials, input, ctx) {
    const got = await retrieve(credentials, ctx, input.paymentId);
    if ('refusal' in got) return got.refusal;
    const { intent } = got;
    return {
      ok: true,
      httpStatus: 200,
      output: {
        paymentId: input.paymentId,
        provider: 'stripe',
        status: asString(intent.status) ?? 'unknown',
        amount: fromMinorUnits(amountOf(intent), currencyOf(intent), 'stripe'),
        currency: currencyOf(intent),
        amountRefunded: fromMinorUnits(refundedOf(intent), currencyOf(intent), 'stripe'),
        captureId: null,
        livemode: intent.livemode === true,
      },
      objectId: input.paymentId,
      objectStatus: paymentState(intent),
    };
  },

  async refund(credentials, input, ctx) {
    const form = new URLSearchParams({ payment_intent: input.paymentId });
    if (input.amount !== undefined) {
      let currency = asString(ctx.object?.details.currency);
      if (!currency) {
        const got = await retrieve(credentials, ctx, input.paymentId);
        if ('refusal' in got) return got.refusal;
        currency = currencyOf(got.intent);
      }
      const problem = moneyProblem(input.amount, currency, 'stripe');
      if (problem) return { ok: false, kind: 'rejected', code: 'invalid_amount', message: problem, field: 'amount' };
      form.set('amount', String(toMinorUnits(input.amount, currency, 'stripe')));
    }
    if (input.reason) form.set('reason', input.reason);
    form.set('metadata[gw_id]', ctx.requestId);
    const response = await post(credentials, ctx, '/v1/refunds', form);
    if (response.status !== 200) return stripeRefusal(response, REFUNDS);
    const refund = objectBody(response);
    const amount = asNumber(refund?.amount);
    const currency = asString(refund?.currency)?.toUpperCase();
    if (!refund || typeof refund.id !== 'string' || amount === null || !currency) throw unexpected(response, 'Stripe');
    // The refund says what it returned; the intent's charge says what is left of the payment.
    // The refund is made: a failed read afterwards must not turn it into an error someone retries.
    const after = await retrieve(credentials, ctx, input.paymentId).catch(() => null);
    const state = after && 'intent' in after ? paymentState(after.intent) : null;
    return {
      ok: true,
      httpStatus: 200,
      output: {
        refundId: refund.id,
        paymentId: input.paymentId,
        provider: 'stripe',
        status: asString(refund.status) ?? 'pending',
        amount: fromMinorUnits(amount, currency, 'stripe'),
        currency,
      },
      objectId: input.paymentId,
      objectStatus: state === 'refunded' || state === 'partially_refunded' ? state : 'partially_refunded',
      details: { last_refund_id: refund.id, last_refund_minor: amount },
    };
  },
});
