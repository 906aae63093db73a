// The payment operations (Stripe payment intents, PayPal orders) making real attempts against the
// in-process simulator, as the portal runs them: validated credentials and input, a fresh operation
// context per attempt. The simulator's conventions are in scripts/simulator/providers/index.ts.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { beforeEach, describe, expect, it } from 'vitest';
import { simulatorForTests } from '@/tests/simulator';
import { forgetTokens } from '@/lib/operations/context';
import type { OperationResult } from '@/lib/operations/define.server';
import { attemptOperation, thrownFailure, type AttemptOptions, type Exchange } from '@/tests/operations';

const simulator = simulatorForTests();
const sim = () => simulator.sim.url;
beforeEach(async () => {
  forgetTokens();
  await fetch(`${sim()}/_control/reset`, { method: 'POST' });
});

type Out = Record<string, unknown>;
type Sent = Exchange;

/** One attempt of an operation; `sent` lists the HTTP requests it made. */
async function run(type: string, action: string, creds: Record<string, unknown>, input: unknown, ids: AttemptOptions = {}) {
  const { result, exchanges, requestId, idempotencyKey } = await attemptOperation(type, action, creds, input, ids);
  return { result: result as OperationResult<Out>, sent: exchanges as Sent[], requestId, idempotencyKey };
}

/** The success's fields, failing the test with the refusal otherwise. */
function ok(result: OperationResult<Out>) {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result;
}

const thrown = thrownFailure;

describe('Stripe payment intents', () => {
  const key = 'sk_test_simPayments1';
  const creds = { secret_key: key, mode: 'test' };
  const stripeGet = async (path: string, secret = key) => (await fetch(`${sim()}/stripe${path}`, { headers: { authorization: `Bearer ${secret}` } })).json() as Promise<Out>;
  const create = (input: Out, ids = {}) => run('stripe', 'create_intent', creds, input, ids);

  it('creates, confirms, reads and refunds a payment in two parts', async () => {
    const created = await create({ amount: 99.99, currency: 'usd', description: 'Order 1001', metadata: { order: '1001' } });
    const c = ok(created.result);
    expect(c.output).toMatchObject({ provider: 'stripe', status: 'requires_payment_method', amount: '99.99', amountMinor: 9999, currency: 'USD', livemode: false });
    expect(c.output.clientSecret).toMatch(new RegExp(`^${String(c.output.paymentId)}_secret_`));
    expect(c).toMatchObject({ objectId: c.output.paymentId, objectStatus: 'requires_payment_method', pending: true, details: { amount_minor: 9999, currency: 'USD' } });
    expect(JSON.stringify(c.details)).not.toContain('secret');
    // Form-encoded, under the idempotency key, with the request id in metadata beside the caller's.
    expect(created.sent[0]!.headers['idempotency-key']).toBe(created.idempotencyKey);
    const form = new URLSearchParams(created.sent[0]!.body);
    expect(Object.fromEntries(form)).toMatchObject({ amount: '9999', currency: 'usd', 'automatic_payment_methods[enabled]': 'true', 'metadata[order]': '1001', 'metadata[gw_id]': created.requestId });
    const paymentId = String(c.output.paymentId);
    expect((await stripeGet(`/v1/payment_intents/${paymentId}`)).metadata).toEqual({ order: '1001', gw_id: created.requestId });

    const object = { id: paymentId, details: c.details! };
    const confirmed = ok((await run('stripe', 'confirm_intent', creds, { paymentId, paymentMethod: 'pm_card_visa' }, { object })).result);
    expect(confirmed).toMatchObject({ output: { paymentId, provider: 'stripe', status: 'succeeded', nextAction: null }, objectStatus: 'succeeded', settles: 'completed' });

    const read = ok((await run('stripe', 'get_payment', creds, { paymentId }, { object })).result);
    expect(read.output).toEqual({ paymentId, provider: 'stripe', status: 'succeeded', amount: '99.99', currency: 'USD', amountRefunded: '0.00', captureId: null, livemode: false });

    const part = await run('stripe', 'refund', creds, { paymentId, amount: '25', reason: 'requested_by_customer' }, { object });
    expect(ok(part.result)).toMatchObject({ output: { paymentId, provider: 'stripe', status: 'succeeded', amount: '25.00', currency: 'USD' }, objectId: paymentId, objectStatus: 'partially_refunded' });
    expect(Object.fromEntries(new URLSearchParams(part.sent.find((s) => s.url.endsWith('/v1/refunds'))!.body))).toMatchObject({ payment_intent: paymentId, amount: '2500', reason: 'requested_by_customer' });
    // The currency came from the object's details: no read before the refund.
    expect(part.sent[0]!.url).toMatch(/\/v1\/refunds$/);

    const rest = ok((await run('stripe', 'refund', creds, { paymentId }, { object })).result);
    expect(rest).toMatchObject({ output: { amount: '74.99', currency: 'USD' }, objectStatus: 'refunded' });
    expect(String(rest.output.refundId)).toMatch(/^re_/);
    expect(ok((await run('stripe', 'get_payment', creds, { paymentId })).result)).toMatchObject({ output: { amountRefunded: '99.99' }, objectStatus: 'refunded' });

    const again = (await run('stripe', 'refund', creds, { paymentId }, { object })).result;
    expect(again).toMatchObject({ ok: false, kind: 'rejected', code: 'already_refunded', providerCode: 'charge_already_refunded' });
  });

  it('reads the currency from Stripe when the object has none, and refuses a refund over what is left on the amount field', async () => {
    const paymentId = String(ok((await create({ amount: 10, currency: 'EUR' })).result).output.paymentId);
    ok((await run('stripe', 'confirm_intent', creds, { paymentId, paymentMethod: 'pm_card_visa' })).result);
    const over = await run('stripe', 'refund', creds, { paymentId, amount: 10.01 });
    expect(over.sent.map((s) => s.method)).toEqual(['GET', 'POST']);
    expect(over.result).toMatchObject({ ok: false, kind: 'rejected', code: 'invalid_request', field: 'amount', httpStatus: 400 });
    const tooPrecise = (await run('stripe', 'refund', creds, { paymentId, amount: 1.001 }, { object: { id: paymentId, details: { currency: 'EUR' } } })).result;
    expect(tooPrecise).toMatchObject({ ok: false, code: 'invalid_amount', field: 'amount', message: 'EUR has 2 decimal places: send 1.00, not 1.001.' });
  });

  it('refuses a declined card in plain words and leaves the intent waiting for another method', async () => {
    const paymentId = String(ok((await create({ amount: 5, currency: 'USD' })).result).output.paymentId);
    const declined = (await run('stripe', 'confirm_intent', creds, { paymentId, paymentMethod: 'pm_card_chargeDeclined' })).result;
    expect(declined).toEqual({
      ok: false,
      kind: 'rejected',
      code: 'card_declined',
      httpStatus: 402,
      providerCode: 'generic_decline',
      message: 'The card was declined. Ask the payer to use another card or payment method.',
    });
    const intent = await stripeGet(`/v1/payment_intents/${paymentId}`);
    expect(intent).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' } });
    const unknown = (await run('stripe', 'confirm_intent', creds, { paymentId, paymentMethod: 'pm_card_nonsense' })).result;
    expect(unknown).toMatchObject({ ok: false, kind: 'rejected', field: 'paymentMethod', providerCode: 'resource_missing' });
    expect(unknown.ok || unknown.notFound).toBeFalsy();
  });

  it('answers a card that needs authentication with its next action', async () => {
    const paymentId = String(ok((await create({ amount: 5, currency: 'USD' })).result).output.paymentId);
    const result = ok((await run('stripe', 'confirm_intent', creds, { paymentId, paymentMethod: 'pm_card_authenticationRequired', returnUrl: 'https://shop.example/back' })).result);
    expect(result).toMatchObject({ output: { status: 'requires_action', nextAction: 'redirect_to_url' }, pending: true });
    expect(result.settles).toBeUndefined();
  });

  it('creates one payment intent for one idempotency key, and refuses the key with other values', async () => {
    const idempotencyKey = `sb-${randomUUID()}`;
    const first = await create({ amount: 20, currency: 'USD' }, { idempotencyKey });
    const second = await create({ amount: 20, currency: 'USD' }, { idempotencyKey, requestId: first.requestId });
    expect(ok(second.result).output.paymentId).toBe(ok(first.result).output.paymentId);
    const list = await stripeGet('/v1/payment_intents?limit=100');
    expect((list.data as Out[]).map((i) => i.id)).toEqual([ok(first.result).output.paymentId]);
    const other = (await create({ amount: 21, currency: 'USD' }, { idempotencyKey, requestId: first.requestId })).result;
    expect(other).toMatchObject({ ok: false, kind: 'rejected', code: 'idempotency_conflict', httpStatus: 400 });
  });

  it('sends major units as exact minor units per currency', async () => {
    for (const [amount, currency, minor, major] of [[99.99, 'USD', 9999, '99.99'], [1000, 'JPY', 1000, '1000'], [1.01, 'BHD', 1010, '1.010'], [5000, 'ISK', 500000, '5000.00']] as const) {
      const created = ok((await create({ amount, currency })).result);
      expect(created.output).toMatchObject({ amountMinor: minor, currency, amount: major });
      expect(await stripeGet(`/v1/payment_intents/${String(created.output.paymentId)}`)).toMatchObject({ amount: minor, currency: currency.toLowerCase() });
    }
    expect(() => z.parse(findServerProvider('stripe')!.operations!.declarations.create_intent!.input, { amount: 1.005, currency: 'USD' })).toThrow(/USD has 2 decimal places/);
    // Stripe takes three-decimal currencies in steps of ten, and ISK in whole krónur: refused, not rounded.
    expect((await create({ amount: 1.005, currency: 'BHD' })).result).toMatchObject({ ok: false, kind: 'rejected', field: 'amount', message: 'BHD goes in steps of 0.010 here: send 1.000 or 1.010.' });
    expect(() => z.parse(findServerProvider('stripe')!.operations!.declarations.create_intent!.input, { amount: 10.5, currency: 'ISK' })).toThrow(/ISK has no minor unit/);
  });

  it('throws the connection test’s failures for keys that do not work', async () => {
    const input = { amount: 1, currency: 'USD' };
    expect((await thrown(run('stripe', 'create_intent', { secret_key: 'sk_test_bad1' }, input))).code).toBe('bad_credentials');
    expect((await thrown(run('stripe', 'create_intent', { secret_key: 'sk_test_expired1' }, input))).code).toBe('token_expired');
    const noscope = await thrown(run('stripe', 'create_intent', { secret_key: 'rk_test_noscope1' }, input));
    expect([noscope.code, noscope.message]).toEqual(['missing_scope', 'This restricted key may not create and confirm payments.']);
    expect(noscope.hint).toContain('Write access to PaymentIntents');
  });

  it('asks for a retry when rate limited, and says an unknown payment is not found', async () => {
    const limited = (await run('stripe', 'create_intent', { secret_key: 'sk_test_ratelimit1' }, { amount: 1, currency: 'USD' })).result;
    expect(limited).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', retryAfterSeconds: 7, httpStatus: 429 });
    const missing = (await run('stripe', 'get_payment', creds, { paymentId: 'pi_3SimNoSuchIntent' })).result;
    expect(missing).toMatchObject({ ok: false, kind: 'rejected', notFound: true, code: 'not_found', httpStatus: 404 });
    // Another account's intent is unknown to this key.
    const theirs = String(ok((await create({ amount: 1, currency: 'USD' })).result).output.paymentId);
    expect((await run('stripe', 'refund', { secret_key: 'sk_test_simOtherAccount' }, { paymentId: theirs })).result).toMatchObject({ ok: false, notFound: true });
  });

  it('reports a succeeded payment to the configured callback URL with the request id', async () => {
    await fetch(`${sim()}/_control/webhooks/stripe`, { method: 'PUT', body: JSON.stringify({ url: `${sim()}/_receiver/stripe-ops`, secret: 'whsec_simTest', delayMs: 0 }) });
    const created = await create({ amount: 3, currency: 'USD' });
    const paymentId = String(ok(created.result).output.paymentId);
    ok((await run('stripe', 'confirm_intent', creds, { paymentId, paymentMethod: 'pm_card_visa' })).result);
    await expect.poll(async () => ((await (await fetch(`${sim()}/_control/receiver/stripe-ops`)).json()) as { received: unknown[] }).received.length).toBe(1);
    const { received } = (await (await fetch(`${sim()}/_control/receiver/stripe-ops`)).json()) as { received: { body: string }[] };
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'payment_intent.succeeded', data: { object: { id: paymentId, status: 'succeeded', metadata: { gw_id: created.requestId } } } });
  });
});

describe('PayPal orders', () => {
  const creds = (secret = 'EGsimSecret-01', client = `AYsim-${randomUUID().slice(0, 8)}`) => ({ client_id: client, client_secret: secret, mode: 'sandbox' });
  const tokenCalls = (sent: Sent[]) => sent.filter((s) => s.url.endsWith('/v1/oauth2/token')).length;

  it('creates an order, refuses a capture before approval, captures after the buyer approves, and refunds it', async () => {
    const app = creds();
    const created = await run('paypal', 'create_order', app, { amount: '49.5', currency: 'usd', invoiceId: 'INV-1', description: 'Order 1', returnUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/cancel' });
    const c = ok(created.result);
    expect(c.output).toMatchObject({ provider: 'paypal', status: 'PAYER_ACTION_REQUIRED', amount: '49.50', currency: 'USD' });
    expect(c).toMatchObject({ objectId: c.output.paymentId, pending: true, details: { amount_minor: 4950, currency: 'USD' } });
    const post = created.sent.find((s) => s.url.endsWith('/v2/checkout/orders'))!;
    expect(post.headers).toMatchObject({ 'paypal-request-id': created.idempotencyKey, prefer: 'return=representation' });
    expect(JSON.parse(post.body!)).toEqual({
      intent: 'CAPTURE',
      purchase_units: [{ custom_id: created.requestId, invoice_id: 'INV-1', description: 'Order 1', amount: { currency_code: 'USD', value: '49.50' } }],
      payment_source: { paypal: { experience_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cancel', user_action: 'PAY_NOW' } } },
    });
    const paymentId = String(c.output.paymentId);
    const approveUrl = String(c.output.approveUrl);
    expect(approveUrl).toBe(`${sim()}/paypal/sandbox/checkoutnow?token=${paymentId}`);

    const early = (await run('paypal', 'capture_order', app, { paymentId })).result;
    expect(early).toEqual({ ok: false, kind: 'rejected', code: 'not_approved', httpStatus: 422, providerCode: 'ORDER_NOT_APPROVED', message: 'The buyer has not approved this payment yet: send them to its approveUrl first.' });

    const page = await fetch(approveUrl);
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('Payment approved — you can close this tab')]);

    const capture = ok((await run('paypal', 'capture_order', app, { paymentId })).result);
    expect(capture).toMatchObject({ output: { paymentId, provider: 'paypal', status: 'COMPLETED', amount: '49.50', currency: 'USD' }, settles: 'completed', objectStatus: 'COMPLETED' });
    const captureId = String(capture.output.captureId);
    expect(capture.details).toEqual({ capture_id: captureId });

    const object = { id: paymentId, details: { ...c.details!, capture_id: captureId } };
    const part = await run('paypal', 'refund', app, { paymentId, amount: 10 }, { object });
    expect(ok(part.result)).toMatchObject({ output: { paymentId, provider: 'paypal', status: 'COMPLETED', amount: '10.00', currency: 'USD' }, objectStatus: 'partially_refunded' });
    const refundPost = part.sent.find((s) => s.url.includes('/refund'))!;
    expect([refundPost.url, JSON.parse(refundPost.body!)]).toEqual([expect.stringContaining(`/v2/payments/captures/${captureId}/refund`), { amount: { value: '10.00', currency_code: 'USD' } }]);
    const rest = ok((await run('paypal', 'refund', app, { paymentId }, { object })).result);
    expect(rest).toMatchObject({ output: { amount: '39.50' }, objectStatus: 'refunded' });
    // A new refund of a payment refunded in full is refused, as Stripe does (a repeat of the same
    // call carries the same PayPal-Request-Id and is answered by PayPal with the first refund).
    const again = (await run('paypal', 'refund', app, { paymentId }, { object })).result;
    expect(again).toMatchObject({ ok: false, kind: 'rejected', code: 'already_refunded', providerCode: 'CAPTURE_FULLY_REFUNDED' });

    const read = ok((await run('paypal', 'get_payment', app, { paymentId }, { object })).result);
    expect(read.output).toEqual({ paymentId, provider: 'paypal', status: 'COMPLETED', amount: '49.50', currency: 'USD', amountRefunded: '49.50', captureId, livemode: null });
    expect(read.objectStatus).toBe('refunded');
  });

  it('answers a second capture with the first one, finds the capture itself, and refuses a refund before capture', async () => {
    const app = creds();
    const created = ok((await run('paypal', 'create_order', app, { amount: 1000, currency: 'JPY' })).result);
    const paymentId = String(created.output.paymentId);
    expect(created.output).toMatchObject({ status: 'CREATED', amount: '1000', approveUrl: expect.stringContaining('checkoutnow') });
    expect((await run('paypal', 'refund', app, { paymentId })).result).toMatchObject({ ok: false, kind: 'rejected', code: 'not_captured', message: 'Capture the payment before refunding it.' });
    await fetch(String(created.output.approveUrl));
    const first = ok((await run('paypal', 'capture_order', app, { paymentId })).result);
    const second = await run('paypal', 'capture_order', app, { paymentId });
    expect(ok(second.result).output.captureId).toBe(first.output.captureId);
    expect(second.sent.map((s) => `${s.method} ${new URL(s.url).pathname.replace(/.*\/v2/, '/v2')}`)).toEqual([`POST /v2/checkout/orders/${paymentId}/capture`, `GET /v2/checkout/orders/${paymentId}`]);
    // No capture id on the object (known only from its creation): the order names it.
    const refund = await run('paypal', 'refund', app, { paymentId, amount: 400 }, { object: { id: paymentId, details: { currency: 'JPY' } } });
    expect(ok(refund.result).output).toMatchObject({ amount: '400', currency: 'JPY' });
  });

  it('fetches the token once for two calls, and a fresh one once when the API refuses the cached one', async () => {
    const app = creds();
    const one = await run('paypal', 'create_order', app, { amount: 5, currency: 'EUR' });
    const two = await run('paypal', 'create_order', app, { amount: 6, currency: 'EUR' });
    expect([tokenCalls(one.sent), tokenCalls(two.sent)]).toEqual([1, 0]);
    // The simulator forgets its tokens: the cached one now answers 401.
    await fetch(`${sim()}/_control/reset`, { method: 'POST' });
    const three = await run('paypal', 'create_order', app, { amount: 7, currency: 'EUR' });
    expect(ok(three.result).output.amount).toBe('7.00');
    expect(three.sent.map((s) => new URL(s.url).pathname)).toEqual(['/paypal/sandbox/v2/checkout/orders', '/paypal/sandbox/v1/oauth2/token', '/paypal/sandbox/v2/checkout/orders']);
  });

  it('answers a repeated request id with the same order', async () => {
    const app = creds();
    const idempotencyKey = `sb-${randomUUID()}`;
    const first = ok((await run('paypal', 'create_order', app, { amount: 5, currency: 'USD' }, { idempotencyKey })).result);
    const second = ok((await run('paypal', 'create_order', app, { amount: 5, currency: 'USD' }, { idempotencyKey })).result);
    expect(second.output.paymentId).toBe(first.output.paymentId);
  });

  it('throws for credentials that do not work, retries a rate limit, and says an unknown order is not found', async () => {
    expect((await thrown(run('paypal', 'create_order', creds('EGbadSecret'), { amount: 1, currency: 'USD' }))).code).toBe('bad_credentials');
    const noscope = await thrown(run('paypal', 'create_order', creds('EGnoscopeSecret'), { amount: 1, currency: 'USD' }));
    expect([noscope.code, noscope.message]).toEqual(['missing_scope', 'PayPal does not allow this app to take payments.']);
    const limited = await thrown(run('paypal', 'create_order', creds('EGratelimitSecret'), { amount: 1, currency: 'USD' }));
    expect([limited.code, limited.retryAfterSeconds]).toEqual(['rate_limited', 7]);
    expect((await run('paypal', 'get_payment', creds(), { paymentId: '5O190127TN364715T' })).result).toMatchObject({ ok: false, kind: 'rejected', notFound: true, code: 'not_found', providerCode: 'INVALID_RESOURCE_ID' });
  });

  it('reports a capture to the configured callback URL with the request id as custom_id', async () => {
    await fetch(`${sim()}/_control/webhooks/paypal`, { method: 'PUT', body: JSON.stringify({ url: `${sim()}/_receiver/paypal-ops`, secret: 'WH-SIM-0001', delayMs: 0 }) });
    const app = creds();
    const created = await run('paypal', 'create_order', app, { amount: 2, currency: 'USD' });
    const paymentId = String(ok(created.result).output.paymentId);
    await fetch(String(ok(created.result).output.approveUrl));
    const capture = ok((await run('paypal', 'capture_order', app, { paymentId })).result);
    await expect.poll(async () => ((await (await fetch(`${sim()}/_control/receiver/paypal-ops`)).json()) as { received: unknown[] }).received.length).toBe(1);
    const { received } = (await (await fetch(`${sim()}/_control/receiver/paypal-ops`)).json()) as { received: { body: string }[] };
    expect(JSON.parse(received[0]!.body)).toMatchObject({ event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: capture.output.captureId, custom_id: created.requestId } });
  });
});
