// Stripe's and PayPal's callbacks. Stripe is checked offline against vectors signed by its library
// and by hand; PayPal is checked online, against the simulator's verify-webhook-signature.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayPal, signStripe } from '@/scripts/simulator/webhooks/sign';
import { startSimulator, type Simulator } from '@/scripts/simulator/server';
import { paypalWebhook } from './paypal.webhook.server';
import { stripeWebhook } from './stripe.webhook.server';
import { accepted, context, flipped, inbound, reasonOf, without } from '../webhook-testing';

const now = new Date('2026-11-27T12:00:00Z');

describe('Stripe callbacks', () => {
  const secret = 'whsec_9Kf2mQ7xL1pZ8rT4vB6nY3cW5hJ0dS2a';
  const account = { webhook_secret: secret };
  const intent = (type: string, object: Record<string, unknown>) => ({ id: `evt_${type.length}x`, object: 'event', type, created: 1795780000, data: { object } });
  const failed = intent('payment_intent.payment_failed', {
    id: 'pi_3Q1',
    object: 'payment_intent',
    metadata: { gw_id: 'req_5' },
    last_payment_error: { message: 'Your card was declined.' },
  });

  it('reads payment intents, refunds and charges as payment events', async () => {
    const read = async (payload: ReturnType<typeof intent>) => accepted(stripeWebhook.verify(inbound(signStripe(payload, secret, now)), account, context(now)));
    const delivery = await read(failed);
    expect(delivery).toEqual({
      eventId: failed.id,
      eventType: 'payment_intent.payment_failed',
      events: [{ kind: 'payment', objectId: 'pi_3Q1', status: 'failed', at: new Date(1795780000_000).toISOString(), ref: 'req_5', reason: 'Your card was declined.' }],
    });
    expect((await read(intent('payment_intent.succeeded', { id: 'pi_3Q1', metadata: {} }))).events).toMatchObject([{ objectId: 'pi_3Q1', status: 'succeeded' }]);
    expect((await read(intent('charge.refunded', { id: 'ch_1', payment_intent: 'pi_3Q1', amount: 500, amount_refunded: 200 }))).events).toMatchObject([{ objectId: 'pi_3Q1', status: 'partially_refunded' }]);
    expect((await read(intent('refund.updated', { id: 're_1', payment_intent: 'pi_3Q1', status: 'failed', failure_reason: 'expired_or_canceled_card' }))).events).toMatchObject([
      { objectId: 'pi_3Q1', status: 'refund_failed', reason: 'expired_or_canceled_card' },
    ]);
    expect((await read(intent('customer.created', { id: 'cus_1' }))).events).toEqual([]);
  });

  it('accepts the scheme signed by hand: t=…,v1=hex HMAC-SHA256 of "t.body" with the whole whsec_ secret', async () => {
    const body = JSON.stringify(failed);
    const t = Math.floor(now.getTime() / 1000);
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const req = inbound({ body, headers: { 'stripe-signature': `t=${t},v1=${'0'.repeat(64)},v1=${v1}` } });
    expect(await reasonOf(stripeWebhook.verify(req, account, context(now)))).toBe('accepted');
    expect(signStripe(failed, secret, now).headers['stripe-signature']).toBe(`t=${t},v1=${v1}`);
  });

  it('refuses a flipped byte, another secret, an old or future timestamp, a missing header', async () => {
    const req = inbound(signStripe(failed, secret, now));
    const check = (r = req, a: { webhook_secret?: string } = account) => reasonOf(stripeWebhook.verify(r, a, context(now)));
    expect(await check(flipped(req))).toBe('bad_signature');
    expect(await check(req, { webhook_secret: 'whsec_another' })).toBe('bad_signature');
    expect(await check(inbound(signStripe(failed, secret, new Date(now.getTime() - 301_000))))).toBe('stale_timestamp');
    expect(await check(inbound(signStripe(failed, secret, new Date(now.getTime() + 301_000))))).toBe('stale_timestamp');
    expect(await check(without(req, 'stripe-signature'))).toBe('missing_signature');
    expect(await check(req, {})).toBe('not_configured');
  });
});

describe('PayPal callbacks (verified online)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, smtpPort: 0 });
  });
  afterAll(() => sim?.close());

  const account = { client_id: 'AZsim-client', client_secret: 'sim-good-secret', mode: 'sandbox' as const, webhook_id: '8PT597110X687430LKGECATA' };
  const captured = {
    id: 'WH-2WR32451HC0233532-67976317FL4543714',
    create_time: '2026-11-27T11:59:50.000Z',
    event_type: 'PAYMENT.CAPTURE.COMPLETED',
    resource: { id: '2GG279541U471931P', status: 'COMPLETED', custom_id: 'req_11', amount: { currency_code: 'USD', value: '10.00' } },
  };
  const refunded = {
    id: 'WH-REFUND-1',
    event_type: 'PAYMENT.CAPTURE.REFUNDED',
    resource: { id: '1JU08902781691411', status: 'COMPLETED', custom_id: 'req_11', links: [{ rel: 'up', href: 'https://api.paypal.com/v2/payments/captures/2GG279541U471931P' }] },
  };

  it('asks PayPal (the simulator) and reads a capture and a refund', async () => {
    const ctx = context(now, sim.url);
    const delivery = await accepted(paypalWebhook.verify(inbound(signPayPal(captured, account.webhook_id, now)), account, ctx));
    expect(delivery).toEqual({
      eventId: captured.id,
      eventType: 'PAYMENT.CAPTURE.COMPLETED',
      events: [{ kind: 'payment', objectId: '2GG279541U471931P', status: 'completed', at: '2026-11-27T11:59:50.000Z', ref: 'req_11' }],
    });
    expect(ctx.calls.map((url) => new URL(url).pathname)).toEqual(['/paypal/sandbox/v1/oauth2/token', '/paypal/sandbox/v1/notifications/verify-webhook-signature']);
    const refund = await accepted(paypalWebhook.verify(inbound(signPayPal(refunded, account.webhook_id, now)), account, context(now, sim.url)));
    expect(refund.events).toMatchObject([{ objectId: '2GG279541U471931P', status: 'refunded', ref: 'req_11' }]);
  });

  it('sends the event to PayPal exactly as received, not re-serialized', async () => {
    const signed = signPayPal(captured, account.webhook_id, now);
    const spaced = { ...signed, body: JSON.stringify(captured, null, 2) };
    const ctx = context(now, sim.url);
    const sent: string[] = [];
    const request = ctx.request;
    ctx.request = (url, init) => {
      if (init?.body) sent.push(init.body);
      return request(url, init);
    };
    await paypalWebhook.verify(inbound(spaced), account, ctx);
    expect(sent[1]).toMatch(/^\{"auth_algo":"SHA256withRSA",.*"webhook_id":"8PT597110X687430LKGECATA","webhook_event":/);
    expect(sent[1]!.endsWith(`,"webhook_event":${spaced.body}}`)).toBe(true);
    expect(JSON.parse(sent[1]!).transmission_sig).toBe(signed.headers['paypal-transmission-sig']);
  });

  it('refuses what PayPal does not confirm: a flipped byte, another webhook id', async () => {
    const req = inbound(signPayPal(captured, account.webhook_id, now));
    expect(await reasonOf(paypalWebhook.verify(flipped(req, 20), account, context(now, sim.url)))).toBe('bad_signature');
    expect(await reasonOf(paypalWebhook.verify(req, { ...account, webhook_id: '9XX597110X687430LKGECATA' }, context(now, sim.url)))).toBe('bad_signature');
  });

  it('refuses old times and missing headers without asking PayPal', async () => {
    const ctx = context(now); // no network: any call would throw
    const old = inbound(signPayPal(captured, account.webhook_id, new Date(now.getTime() - 301_000)));
    expect(await reasonOf(paypalWebhook.verify(old, account, ctx))).toBe('stale_timestamp');
    const req = inbound(signPayPal(captured, account.webhook_id, now));
    for (const header of ['paypal-transmission-id', 'paypal-transmission-time', 'paypal-transmission-sig', 'paypal-cert-url', 'paypal-auth-algo']) {
      expect(await reasonOf(paypalWebhook.verify(without(req, header), account, ctx))).toBe('missing_signature');
    }
    expect(await reasonOf(paypalWebhook.verify(req, { ...account, webhook_id: undefined }, ctx))).toBe('not_configured');
    expect(ctx.calls).toEqual([]);
  });

  it('refuses when the app credentials cannot get a token, or PayPal cannot be reached', async () => {
    const req = inbound(signPayPal(captured, account.webhook_id, now));
    const bad = await paypalWebhook.verify(req, { ...account, client_secret: 'bad-secret' }, context(now, sim.url));
    expect(bad).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(await reasonOf(paypalWebhook.verify(req, account, context(now, 'http://127.0.0.1:9')))).toBe('bad_signature');
  });
});
