import 'server-only';
import type * as z from 'zod/mini';
import { implementOperations, type OperationContext } from '@/lib/operations/define.server';
import { fromMinorUnits, MoneyError, moneyProblem, toMinorUnits } from '@/lib/money';
import { unexpected, type ProbeResponse } from '../define.server';
import { asArray, asNumber, asRecord, asString, bearerHeaders, objectBody } from './common.server';
import type paypal from './paypal';
import { paypalBase, paypalFailure, requestToken } from './paypal-common.server';
import { paypalOperations } from './paypal.operations';
import { issueOf, paypalRefusal, type Refusal } from './paypal-refusals.server';

// PayPal orders over Orders v2 and refunds over Payments v2. The access token is cached (in memory,
// keyed by the app's credentials) until shortly before it expires; a 401 from the API gets one new
// token and one repeat. Every POST carries the portal's idempotency key as PayPal-Request-Id, so a
// repeated attempt answers the first one's order, capture or refund instead of doing it again. The
// request id rides along as the purchase unit's custom_id, which PayPal's callbacks echo.

type Credentials = z.output<typeof paypal.schema>;
type Json = Record<string, unknown>;
type Money = { amount: string; currency: string };

async function accessToken(credentials: Credentials, ctx: OperationContext, fresh: boolean): Promise<string> {
  return ctx.token(
    `paypal:${credentials.mode}:${credentials.client_id}:${credentials.client_secret}`,
    async () => {
      const response = await requestToken(credentials, ctx);
      const token = asString(objectBody(response)?.access_token);
      if (response.status !== 200 || !token) throw response.status === 200 ? unexpected(response, 'PayPal') : paypalFailure(response, credentials.mode);
      return { token, expiresInSeconds: asNumber(objectBody(response)?.expires_in) ?? 300 };
    },
    { fresh },
  );
}

/** One API call under the app's token; a 401 gets one fresh token and one repeat. */
async function call(credentials: Credentials, ctx: OperationContext, path: string, body?: Json): Promise<ProbeResponse> {
  const send = async (fresh: boolean) =>
    ctx.request(`${paypalBase(ctx, credentials.mode)}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...bearerHeaders(await accessToken(credentials, ctx, fresh)),
        ...(body ? { 'content-type': 'application/json', 'paypal-request-id': ctx.idempotencyKey, prefer: 'return=representation' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const response = await send(false);
  return response.status === 401 ? send(true) : response;
}

const unitOf = (order: Json) => asRecord(asArray(order.purchase_units)[0]);
const moneyOf = (value: unknown) => {
  const money = asRecord(value);
  const amount = asString(money?.value);
  const currency = asString(money?.currency_code);
  return amount && currency ? { amount, currency: currency.toUpperCase() } : null;
};
const captureOf = (order: Json) => asRecord(asArray(asRecord(unitOf(order)?.payments)?.captures)[0]);
const refundsOf = (order: Json) => asArray(asRecord(unitOf(order)?.payments)?.refunds).map(asRecord).filter((r): r is Json => r !== null);
const minorOf = (money: Money) => {
  try {
    return toMinorUnits(money.amount, money.currency, 'paypal');
  } catch (error) {
    if (error instanceof MoneyError) return 0;
    throw error;
  }
};

/** The order as PayPal returns it (200 or 201), or what its answer means when it is not one. */
function orderOf(response: ProbeResponse, mode: Credentials['mode']): { refusal: Refusal } | { order: Json; money: Money } {
  if (response.status !== 200 && response.status !== 201) return { refusal: paypalRefusal(response, mode) };
  const order = objectBody(response);
  if (!order || typeof order.id !== 'string' || typeof order.status !== 'string' || !moneyOf(unitOf(order)?.amount)) throw unexpected(response, 'PayPal');
  return { order, money: moneyOf(unitOf(order)?.amount)! };
}

const getOrder = (credentials: Credentials, ctx: OperationContext, id: string) => call(credentials, ctx, `/v2/checkout/orders/${encodeURIComponent(id)}`);

/** The payment's state as the portal names it: the capture's refunds read over the order's status. */
function paymentState(order: Json): string {
  const status = asString(captureOf(order)?.status);
  if (status === 'REFUNDED') return 'refunded';
  if (status === 'PARTIALLY_REFUNDED') return 'partially_refunded';
  return String(order.status);
}

function captured(order: Json, money: Money) {
  const capture = captureOf(order);
  const captureId = asString(capture?.id);
  const status = String(order.status);
  const captureStatus = asString(capture?.status);
  return {
    ok: true as const,
    httpStatus: 201,
    output: { paymentId: String(order.id), provider: 'paypal' as const, status, captureId, amount: money.amount, currency: money.currency },
    objectId: String(order.id),
    objectStatus: paymentState(order),
    details: { capture_id: captureId },
    ...(status === 'COMPLETED' && captureStatus === 'COMPLETED'
      ? { settles: 'completed' as const }
      : captureStatus === 'DECLINED' || captureStatus === 'FAILED'
        ? { settles: 'failed' as const }
        : { pending: true }),
  };
}

export const paypalOperationRuns = implementOperations<Credentials, typeof paypalOperations>(paypalOperations, {
  async create_order(credentials, input, ctx) {
    const currency = input.currency.toUpperCase();
    // PayPal takes HUF and TWD without decimals.
    const problem = moneyProblem(input.amount, currency, 'paypal');
    if (problem) return { ok: false, kind: 'rejected', code: 'invalid_amount', message: problem, field: 'amount' };
    const value = fromMinorUnits(toMinorUnits(input.amount, currency, 'paypal'), currency, 'paypal');
    const unit: Json = { custom_id: ctx.requestId, amount: { currency_code: currency, value } };
    if (input.invoiceId) unit.invoice_id = input.invoiceId;
    if (input.description) unit.description = input.description;
    const experience = { ...(input.returnUrl ? { return_url: input.returnUrl } : {}), ...(input.cancelUrl ? { cancel_url: input.cancelUrl } : {}) };
    const body: Json = { intent: 'CAPTURE', purchase_units: [unit] };
    if (input.returnUrl || input.cancelUrl) body.payment_source = { paypal: { experience_context: { ...experience, user_action: 'PAY_NOW' } } };
    const response = await call(credentials, ctx, '/v2/checkout/orders', body);
    const got = orderOf(response, credentials.mode);
    if ('refusal' in got) return got.refusal;
    const { order, money } = got;
    const approve = asArray(order.links)
      .map(asRecord)
      .find((l) => l?.rel === 'approve' || l?.rel === 'payer-action');
    return {
      ok: true,
      httpStatus: response.status,
      output: { paymentId: order.id as string, provider: 'paypal', status: order.status as string, approveUrl: asString(approve?.href), amount: money.amount, currency: money.currency },
      objectId: order.id as string,
      objectStatus: order.status as string,
      pending: true,
      details: { amount_minor: minorOf(money), currency: money.currency },
    };
  },

  async capture_order(credentials, input, ctx) {
    const response = await call(credentials, ctx, `/v2/checkout/orders/${encodeURIComponent(input.paymentId)}/capture`, {});
    if (response.status === 422 && issueOf(response) === 'ORDER_ALREADY_CAPTURED') {
      // Captured by an earlier attempt whose answer was lost: the order says how it went.
      const again = orderOf(await getOrder(credentials, ctx, input.paymentId), credentials.mode);
      return 'refusal' in again ? again.refusal : captured(again.order, again.money);
    }
    const got = orderOf(response, credentials.mode);
    return 'refusal' in got ? got.refusal : captured(got.order, got.money);
  },

  async get_payment(credentials, input, ctx) {
    const got = orderOf(await getOrder(credentials, ctx, input.paymentId), credentials.mode);
    if ('refusal' in got) return got.refusal;
    const { order, money } = got;
    const captureId = asString(captureOf(order)?.id);
    const refunded = refundsOf(order)
      .filter((r) => r.status === 'COMPLETED')
      .map((r) => moneyOf(r.amount))
      .reduce((sum, m) => sum + (m ? minorOf(m) : 0), 0);
    return {
      ok: true,
      httpStatus: 200,
      output: {
        paymentId: input.paymentId,
        provider: 'paypal',
        status: String(order.status),
        amount: money.amount,
        currency: money.currency,
        amountRefunded: captureId ? fromMinorUnits(refunded, money.currency, 'paypal') : null,
        captureId,
        livemode: null,
      },
      objectId: input.paymentId,
      objectStatus: paymentState(order),
    };
  },

  async refund(credentials, input, ctx) {
    let captureId = asString(ctx.object?.details.capture_id);
    let currency = asString(ctx.object?.details.currency);
    if (!captureId || (!currency && input.amount !== undefined)) {
      // The portal may know the order only from its creation: the order names its capture.
      const got = orderOf(await getOrder(credentials, ctx, input.paymentId), credentials.mode);
      if ('refusal' in got) return got.refusal;
      captureId = asString(captureOf(got.order)?.id);
      currency = got.money.currency;
    }
    if (!captureId) return { ok: false, kind: 'rejected', code: 'not_captured', message: 'Capture the payment before refunding it.' };
    const body: Json = {};
    if (input.amount !== undefined && currency) {
      const problem = moneyProblem(input.amount, currency, 'paypal');
      if (problem) return { ok: false, kind: 'rejected', code: 'invalid_amount', message: problem, field: 'amount' };
      body.amount = { value: fromMinorUnits(toMinorUnits(input.amount, currency, 'paypal'), currency, 'paypal'), currency_code: currency };
    }
    const response = await call(credentials, ctx, `/v2/payments/captures/${encodeURIComponent(captureId)}/refund`, body);
    // A repeat of this very call is answered by PayPal from its request id; nothing left to refund
    // means an earlier refund took it all.
    if (response.status === 422 && issueOf(response) === 'CAPTURE_FULLY_REFUNDED') {
      return { ok: false, kind: 'rejected', code: 'already_refunded', message: 'This payment has been refunded in full already.', httpStatus: 422, providerCode: 'CAPTURE_FULLY_REFUNDED' };
    }
    if (response.status !== 201 && response.status !== 200) return paypalRefusal(response, credentials.mode);
    const refund = objectBody(response);
    const money = moneyOf(refund?.amount);
    if (!refund || typeof refund.id !== 'string' || !money) throw unexpected(response, 'PayPal');
    // The order tells what is left; the refund is made, so a failed read afterwards is no error.
    const after = await getOrder(credentials, ctx, input.paymentId).then((r) => orderOf(r, credentials.mode)).catch(() => null);
    const order = after && 'order' in after ? after.order : null;
    const state = order ? paymentState(order) : null;
    return {
      ok: true,
      httpStatus: response.status,
      output: { refundId: refund.id, paymentId: input.paymentId, provider: 'paypal', status: asString(refund.status) ?? 'PENDING', amount: money.amount, currency: money.currency },
      objectId: input.paymentId,
      objectStatus: state === 'refunded' || state === 'partially_refunded' ? state : 'partially_refunded',
      details: { last_refund_id: refund.id, last_refund_minor: minorOf(money) },
    };
  },
});
