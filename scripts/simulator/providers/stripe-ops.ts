// Stripe payment intents and refunds under /stripe/v1 (form-encoded, the balance's key conventions):
//   POST /payment_intents                amount (positive integer, minor units), currency (3 lower-case
//                                        letters), description, receipt_email, metadata[…] → 200 intent
//                                        requires_payment_method with a client_secret
//   GET  /payment_intents                the key's intents, newest first (limit ≤ 100)
//   GET  /payment_intents/{id}           one intent; expand[]=latest_charge gives the charge object
//                                        (amount_refunded) instead of its id
//   POST /payment_intents/{id}/confirm   payment_method: pm_card_visa (or _mastercard, _amex) →
//                                        succeeded; pm_card_chargeDeclined → 402 card_error
//                                        card_declined/generic_decline (…InsufficientFunds:
//                                        insufficient_funds) and the intent back to
//                                        requires_payment_method with last_payment_error;
//                                        pm_card_authenticationRequired → requires_action
//   POST /refunds                        payment_intent, amount? (default: what is left), reason? →
//                                        200 re_… succeeded; more than is left → 400 param amount;
//                                        nothing left → 400 charge_already_refunded
// Intents belong to the key that created them (another key gets 404 resource_missing). Each POST's
// Idempotency-Key is kept with its first answer: the same key and parameters get that answer again
// with Idempotent-Replayed: true, other parameters 400 idempotency_error. Validation errors are not
// kept. An intent that succeeds raises payment_intent.succeeded (metadata gw_id) when a Stripe
// callback URL is configured.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Route, SimRequest } from '../http';
import type { Callbacks } from '../webhooks/callbacks';
import { json, parseForm, randomId } from './common';
import { stripeError, stripeKeyGate } from './stripe';

interface Charge {
  id: string;
  amount: number;
  amount_refunded: number;
}
interface Intent {
  key: string;
  id: string;
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  description: string | null;
  receipt_email: string | null;
  metadata: Record<string, string>;
  livemode: boolean;
  created: number;
  last_payment_error: Record<string, unknown> | null;
  next_action: Record<string, unknown> | null;
  charge: Charge | null;
}
type Answer = { status: number; body: unknown };

const METHODS: Record<string, 'succeed' | 'decline' | 'insufficient' | 'authenticate'> = {
  pm_card_visa: 'succeed',
  pm_card_mastercard: 'succeed',
  pm_card_amex: 'succeed',
  pm_card_chargeDeclined: 'decline',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient',
  pm_card_authenticationRequired: 'authenticate',
};

const now = () => Math.floor(Date.now() / 1000);
const invalid = (param: string | null, message: string, code?: string): Answer => ({
  status: 400,
  body: { error: { type: 'invalid_request_error', ...(param ? { param } : {}), message, ...(code ? { code } : {}) } },
});
const missing = (param: string, id: string, what: string): Answer => ({
  status: param === 'intent' ? 404 : 400,
  body: { error: { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${what}: '${id}'`, doc_url: 'https://stripe.com/docs/error-codes/resource-missing' } },
});

/** The intent as Stripe shows it (the owning key stays here). */
function view(intent: Intent, expandCharge = false): Record<string, unknown> {
  const { charge, ...rest } = intent;
  return { object: 'payment_intent', ...rest, key: undefined, amount_received: charge ? intent.amount : 0, latest_charge: charge ? (expandCharge ? { object: 'charge', ...charge, refunded: charge.amount_refunded >= charge.amount } : charge.id) : null };
}

export function stripeOperationRoutes(callbacks: Callbacks): { routes: Route[]; reset: () => void } {
  const intents = new Map<string, Intent>();
  const refunds = new Map<string, Record<string, unknown>>();
  const keys = new Map<string, { fingerprint: string; answer: Answer }>();

  /** Answers a POST once per Idempotency-Key: the first executed answer is kept and replayed. */
  async function idempotent({ req, res, url, body }: SimRequest, permission: string, run: (key: string, form: Record<string, string>) => Answer): Promise<void> {
    const key = await stripeKeyGate(req, res, permission);
    if (!key) return;
    const text = await body();
    const form = parseForm(text);
    const header = req.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(header) ? header[0] : header;
    const slot = idempotencyKey ? `${key}\n${idempotencyKey}` : null;
    const fingerprint = createHash('sha256').update(`${url.pathname}\n${new URLSearchParams(Object.entries(form).sort()).toString()}`).digest('hex');
    const saved = slot ? keys.get(slot) : undefined;
    if (saved) {
      if (saved.fingerprint !== fingerprint) {
        return stripeError(res, 400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      }
      return send(res, saved.answer, { 'idempotent-replayed': 'true', 'idempotency-key': idempotencyKey! });
    }
    const answer = run(key, form);
    // Stripe keeps what it executed; a request refused by validation can be sent again with its key.
    if (slot && answer.status !== 400) keys.set(slot, { fingerprint, answer });
    send(res, answer, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  function send(res: ServerResponse, answer: Answer, headers: Record<string, string>) {
    json(res, answer.status, answer.body, { 'request-id': `req_${randomId(7)}`, ...headers });
  }

  const owned = (key: string, id: string) => {
    const intent = intents.get(id);
    return intent && intent.key === key ? intent : null;
  };

  function create(key: string, form: Record<string, string>): Answer {
    if (form.amount === undefined) return invalid('amount', 'Missing required param: amount.', 'parameter_missing');
    if (!/^\d+$/.test(form.amount)) return invalid('amount', `Invalid integer: ${form.amount}`);
    const amount = Number(form.amount);
    if (amount < 1) return invalid('amount', 'This value must be greater than or equal to 1.');
    if (amount > 99_999_999) return invalid('amount', 'Amount must be no more than 99,999,999 in the smallest currency unit.', 'amount_too_large');
    if (form.currency === undefined) return invalid('currency', 'Missing required param: currency.', 'parameter_missing');
    if (!/^[a-z]{3}$/.test(form.currency)) return invalid('currency', `Invalid currency: ${form.currency}. Stripe currently supports these currencies: usd, eur, gbp, jpy, myr, bhd, …`);
    if (form.receipt_email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.receipt_email)) return invalid('receipt_email', `Invalid email address: ${form.receipt_email}`, 'email_invalid');
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(form)) {
      const match = /^metadata\[([^\]]+)\]$/.exec(name);
      if (match) metadata[match[1]!] = value;
    }
    if (Object.keys(metadata).length > 50) return invalid('metadata', 'Invalid metadata: metadata cannot have more than 50 keys.');
    const id = `pi_3Sim${randomId(10)}`;
    const intent: Intent = {
      key,
      id,
      amount,
      currency: form.currency,
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomId(12)}`,
      description: form.description ?? null,
      receipt_email: form.receipt_email ?? null,
      metadata,
      livemode: /^(sk|rk)_live_/.test(key),
      created: now(),
      last_payment_error: null,
      next_action: null,
      charge: null,
    };
    intents.set(id, intent);
    return { status: 200, body: view(intent) };
  }

  function confirm(key: string, id: string, form: Record<string, string>): Answer {
    const intent = owned(key, id);
    if (!intent) return missing('intent', id, 'payment_intent');
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      return invalid(null, `You cannot confirm this PaymentIntent because it has ${intent.status === 'succeeded' ? 'already succeeded after being previously confirmed' : 'been canceled'}.`, 'payment_intent_unexpected_state');
    }
    const method = form.payment_method;
    if (!method) return invalid('payment_method', 'You cannot confirm this PaymentIntent because it\'s missing a payment method.', 'payment_intent_unexpected_state');
    const outcome = METHODS[method];
    if (!outcome) return missing('payment_method', method, 'PaymentMethod');
    if (outcome === 'decline' || outcome === 'insufficient') {
      const decline = outcome === 'decline' ? 'generic_decline' : 'insufficient_funds';
      const error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: decline,
        message: outcome === 'decline' ? 'Your card was declined.' : 'Your card has insufficient funds.',
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      };
      Object.assign(intent, { status: 'requires_payment_method', last_payment_error: { ...error, payment_method: { id: method, object: 'payment_method' } }, next_action: null });
      return { status: 402, body: { error: { ...error, payment_intent: view(intent) } } };
    }
    if (outcome === 'authenticate') {
      const next = form.return_url
        ? { type: 'redirect_to_url', redirect_to_url: { url: `https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=${id}`, return_url: form.return_url } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
      Object.assign(intent, { status: 'requires_action', next_action: next, last_payment_error: null });
      return { status: 200, body: view(intent) };
    }
    Object.assign(intent, { status: 'succeeded', next_action: null, last_payment_error: null, charge: { id: `ch_3Sim${randomId(10)}`, amount: intent.amount, amount_refunded: 0 } });
    callbacks.emitEvent('stripe', 'payment_intent.succeeded', intent.id, intent.metadata.gw_id ?? null);
    return { status: 200, body: view(intent) };
  }

  function refund(key: string, form: Record<string, string>): Answer {
    const id = form.payment_intent;
    if (!id) return invalid('payment_intent', 'Missing required param: payment_intent.', 'parameter_missing');
    const intent = owned(key, id);
    if (!intent) return missing('payment_intent', id, 'payment_intent');
    const charge = intent.charge;
    if (!charge) return invalid('payment_intent', `This PaymentIntent (${id}) does not have a successful charge to refund.`);
    const left = charge.amount - charge.amount_refunded;
    if (left <= 0) return invalid(null, `Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
    if (form.amount !== undefined && (!/^\d+$/.test(form.amount) || Number(form.amount) < 1)) return invalid('amount', `Invalid positive integer: ${form.amount}`);
    const amount = form.amount === undefined ? left : Number(form.amount);
    if (amount > left) {
      return invalid('amount', `Refund amount (${amount} ${intent.currency}) is greater than unrefunded amount on charge (${left} ${intent.currency})`, 'amount_too_large');
    }
    if (form.reason !== undefined && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(form.reason)) {
      return invalid('reason', `Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`);
    }
    charge.amount_refunded += amount;
    const metadata = Object.fromEntries(Object.entries(form).flatMap(([name, value]) => (/^metadata\[([^\]]+)\]$/.test(name) ? [[name.slice(9, -1), value]] : [])));
    const record = { id: `re_3Sim${randomId(10)}`, object: 'refund', amount, currency: intent.currency, payment_intent: id, charge: charge.id, status: 'succeeded', reason: form.reason ?? null, metadata, created: now() };
    refunds.set(record.id, record);
    return { status: 200, body: record };
  }

  const routes: Route[] = [
    { method: 'POST', pattern: /^\/stripe\/v1\/payment_intents$/, handle: (r) => idempotent(r, 'rak_payment_intent_write', create) },
    { method: 'POST', pattern: /^\/stripe\/v1\/payment_intents\/([^/]+)\/confirm$/, handle: (r) => idempotent(r, 'rak_payment_intent_write', (key, form) => confirm(key, r.params[0]!, form)) },
    { method: 'POST', pattern: /^\/stripe\/v1\/refunds$/, handle: (r) => idempotent(r, 'rak_refund_write', refund) },
    {
      method: 'GET',
      pattern: /^\/stripe\/v1\/payment_intents\/([^/]+)$/,
      async handle({ req, res, url, params }) {
        const key = await stripeKeyGate(req, res, 'rak_payment_intent_read');
        if (!key) return;
        const intent = owned(key, params[0]!);
        send(res, intent ? { status: 200, body: view(intent, url.searchParams.getAll('expand[]').includes('latest_charge')) } : missing('intent', params[0]!, 'payment_intent'), {});
      },
    },
    {
      method: 'GET',
      pattern: /^\/stripe\/v1\/payment_intents$/,
      async handle({ req, res, url }) {
        const key = await stripeKeyGate(req, res, 'rak_payment_intent_read');
        if (!key) return;
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
        const mine = [...intents.values()].filter((i) => i.key === key).reverse();
        send(res, { status: 200, body: { object: 'list', url: '/v1/payment_intents', has_more: mine.length > limit, data: mine.slice(0, limit).map((i) => view(i)) } }, {});
      },
    },
  ];

  return {
    routes,
    reset: () => {
      intents.clear();
      refunds.clear();
      keys.clear();
    },
  };
}
