// PayPal Orders v2 and Payments v2 under /paypal/{live|sandbox} (Bearer tokens from /v1/oauth2/token
// of this simulator; any other token → 401 invalid_token, a token issued to a noscope secret → 403
// NOT_AUTHORIZED):
//   POST /v2/checkout/orders                  intent CAPTURE, one purchase unit with amount
//                                             {currency_code, value (the currency's decimals)} → 201
//                                             CREATED (PAYER_ACTION_REQUIRED with a payment_source)
//                                             with an approve (payer-action) link to this simulator
//   GET  /v2/checkout/orders/{id}             the order, with its captures and refunds
//   GET  /checkoutnow?token={id}              the buyer approves: the order becomes APPROVED and a tiny
//                                             HTML page answers (a person or a browser test clicks it)
//   POST /v2/checkout/orders/{id}/capture     201 COMPLETED with a capture; 422 ORDER_NOT_APPROVED
//                                             before approval, ORDER_ALREADY_CAPTURED after a capture
//   POST /v2/payments/captures/{id}/refund    {} (what is left) or {amount} → 201 COMPLETED; 422
//                                             CAPTURE_FULLY_REFUNDED when nothing is left,
//                                             REFUND_AMOUNT_EXCEEDED when the amount is more
// A repeated PayPal-Request-Id (per app and endpoint) answers the first request's object in its
// latest state, without doing it again. Errors are {name, message, debug_id, details:[{issue,
// description}]} with a Paypal-Debug-Id header. A capture raises PAYMENT.CAPTURE.COMPLETED
// (custom_id) when a PayPal callback URL is configured.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import type { Callbacks } from '../webhooks/callbacks';
import { json, markerOf, parseJson, randomId } from './common';

type Money = { currency_code: string; value: string };
interface Order {
  client: string;
  id: string;
  status: string;
  unit: Record<string, unknown> & { amount: Money; custom_id?: string };
  paymentSource: Record<string, unknown> | null;
  capture: { id: string; status: string; amount: Money; refunded: number } | null;
  refunds: { id: string; status: string; amount: Money }[];
  created: string;
}

const DECIMALS: Record<string, number> = { JPY: 0, KRW: 0, HUF: 0, TWD: 0, CLP: 0, VND: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };
const decimalsOf = (currency: string) => DECIMALS[currency] ?? 2;
const toMinor = (money: Money) => Number(money.value.replace('.', '').replace(/^0+(?=\d)/, '')) * 10 ** (decimalsOf(money.currency_code) - (money.value.split('.')[1]?.length ?? 0));
const toValue = (minor: number, currency: string) => {
  const d = decimalsOf(currency);
  const digits = String(minor).padStart(d + 1, '0');
  return d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`;
};

export function paypalError(res: ServerResponse, status: number, name: string, message: string, issue?: string, description?: string): void {
  const debugId = randomId(7);
  json(res, status, { name, message, debug_id: debugId, ...(issue ? { details: [{ issue, description: description ?? message }] } : {}), links: [] }, { 'paypal-debug-id': debugId });
}

const html = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>PayPal (simulated)</title></head><body><h1>${text}</h1></body></html>`);
};

export function paypalOperationRoutes(callbacks: Callbacks) {
  /** Access tokens this simulator issued: the app's client id and the marker of its secret. */
  const tokens = new Map<string, { client: string; noscope: boolean }>();
  const orders = new Map<string, Order>();
  const captures = new Map<string, string>();
  const requestIds = new Map<string, string>();

  /** The app a request's token belongs to, or null once it answered 401/403. */
  function app(req: IncomingMessage, res: ServerResponse): string | null {
    const token = tokens.get(bearer(req) ?? '');
    if (!token) {
      json(res, 401, { error: 'invalid_token', error_description: 'Token signature verification failed' }, { 'paypal-debug-id': randomId(7) });
      return null;
    }
    if (token.noscope) {
      paypalError(res, 403, 'NOT_AUTHORIZED', 'Authorization failed due to insufficient permissions.', 'PERMISSION_DENIED', 'You do not have permission to access or perform operations on this resource.');
      return null;
    }
    return token.client;
  }

  const requestIdOf = (req: IncomingMessage, client: string, scope: string) => {
    const header = req.headers['paypal-request-id'];
    const id = Array.isArray(header) ? header[0] : header;
    return id ? `${client}\n${scope}\n${id}` : null;
  };

  const link = (href: string, rel: string, method = 'GET') => ({ href, rel, method });
  function view(order: Order, origin: string, env: string): Record<string, unknown> {
    const api = `${origin}/paypal/${env}/v2/checkout/orders/${order.id}`;
    const payments = order.capture
      ? {
          captures: [{ id: order.capture.id, status: order.capture.status, amount: order.capture.amount, final_capture: true, custom_id: order.unit.custom_id, create_time: order.created }],
          ...(order.refunds.length ? { refunds: order.refunds } : {}),
        }
      : undefined;
    const approval = order.status === 'CREATED' || order.status === 'PAYER_ACTION_REQUIRED';
    return {
      id: order.id,
      intent: 'CAPTURE',
      status: order.status,
      ...(order.paymentSource ? { payment_source: order.paymentSource } : {}),
      purchase_units: [{ reference_id: 'default', ...order.unit, ...(payments ? { payments } : {}) }],
      ...(order.status === 'APPROVED' || order.status === 'COMPLETED' ? { payer: { payer_id: 'SIMPAYER01', email_address: 'buyer@example.com' } } : {}),
      create_time: order.created,
      links: [
        link(api, 'self'),
        ...(approval ? [link(`${origin}/paypal/${env}/checkoutnow?token=${order.id}`, order.paymentSource ? 'payer-action' : 'approve')] : []),
        ...(order.status === 'APPROVED' ? [link(`${api}/capture`, 'capture', 'POST')] : []),
      ],
    };
  }
  const originOf = (req: IncomingMessage) => `http://${req.headers.host ?? 'localhost'}`;
  const owned = (client: string, id: string) => {
    const order = orders.get(id);
    return order && order.client === client ? order : null;
  };
  const notFound = (res: ServerResponse, what: string) =>
    paypalError(res, 404, 'RESOURCE_NOT_FOUND', 'The specified resource does not exist.', 'INVALID_RESOURCE_ID', `Specified resource ID does not exist. Please check the resource ID and try again. (${what})`);

  /** The purchase unit's problem as PayPal words it: [status, name, issue, description], or null. */
  function problemOf(input: Record<string, unknown> | null): [number, string, string, string] | null {
    const units = input?.purchase_units;
    if (!input || (input.intent !== 'CAPTURE' && input.intent !== 'AUTHORIZE')) return [400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing. (/intent)'];
    if (!Array.isArray(units) || units.length !== 1) return [400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing. (/purchase_units)'];
    const amount = (units[0] as { amount?: Partial<Money> }).amount;
    if (!amount || typeof amount.currency_code !== 'string' || !/^[A-Z]{3}$/.test(amount.currency_code)) {
      return [400, 'INVALID_REQUEST', 'INVALID_PARAMETER_VALUE', 'The value of a field is invalid. (/purchase_units/@reference_id==\'default\'/amount/currency_code)'];
    }
    if (typeof amount.value !== 'string' || !/^\d{1,10}(\.\d{1,3})?$/.test(amount.value) || Number(amount.value) <= 0) {
      return [400, 'INVALID_REQUEST', 'INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format. (/purchase_units/@reference_id==\'default\'/amount/value)'];
    }
    if ((amount.value.split('.')[1]?.length ?? 0) > decimalsOf(amount.currency_code)) {
      return [422, 'UNPROCESSABLE_ENTITY', 'DECIMAL_PRECISION', 'If the currency supports decimals, only two decimal place precision is supported.'];
    }
    return null;
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/paypal\/(live|sandbox)\/v2\/checkout\/orders$/,
      async handle({ req, res, params, body }) {
        const client = app(req, res);
        if (!client) return;
        const input = parseJson(await body());
        const key = requestIdOf(req, client, 'orders');
        const earlier = key ? orders.get(requestIds.get(key) ?? '') : undefined;
        if (earlier) return json(res, 201, view(earlier, originOf(req), params[0]!), { 'paypal-debug-id': randomId(7) });
        const problem = problemOf(input);
        if (problem) return paypalError(res, problem[0], problem[1], problem[0] === 400 ? 'Request is not well-formed, syntactically incorrect, or violates schema.' : 'The requested action could not be performed, semantically incorrect, or failed business validation.', problem[2], problem[3]);
        const unit = (input!.purchase_units as Order['unit'][])[0]!;
        if (typeof unit.invoice_id === 'string' && [...orders.values()].some((o) => o.client === client && o.unit.invoice_id === unit.invoice_id)) {
          return paypalError(res, 422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', 'DUPLICATE_INVOICE_ID', 'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.');
        }
        const paymentSource = input!.payment_source && typeof input!.payment_source === 'object' ? (input!.payment_source as Record<string, unknown>) : null;
        const order: Order = {
          client,
          id: randomId(8).toUpperCase().slice(0, 17).padEnd(17, '0'),
          status: paymentSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
          unit: { ...unit, amount: { currency_code: unit.amount.currency_code, value: unit.amount.value } },
          paymentSource,
          capture: null,
          refunds: [],
          created: new Date().toISOString(),
        };
        orders.set(order.id, order);
        if (key) requestIds.set(key, order.id);
        const full = view(order, originOf(req), params[0]!);
        const representation = /return=representation/.test(String(req.headers.prefer ?? ''));
        json(res, 201, representation ? full : { id: order.id, status: order.status, links: full.links }, { 'paypal-debug-id': randomId(7) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/paypal\/(live|sandbox)\/v2\/checkout\/orders\/([^/]+)$/,
      handle({ req, res, params }) {
        const client = app(req, res);
        if (!client) return;
        const order = owned(client, params[1]!);
        if (!order) return notFound(res, params[1]!);
        json(res, 200, view(order, originOf(req), params[0]!), { 'paypal-debug-id': randomId(7) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/paypal\/(live|sandbox)\/checkoutnow$/,
      handle({ res, url }) {
        const order = orders.get(url.searchParams.get('token') ?? '');
        if (!order) return html(res, 404, 'This payment link is not valid.');
        if (order.status === 'CREATED' || order.status === 'PAYER_ACTION_REQUIRED') order.status = 'APPROVED';
        html(res, 200, order.status === 'COMPLETED' ? 'This payment is already complete — you can close this tab' : 'Payment approved — you can close this tab');
      },
    },
    {
      method: 'POST',
      pattern: /^\/paypal\/(live|sandbox)\/v2\/checkout\/orders\/([^/]+)\/capture$/,
      async handle({ req, res, params, body }) {
        const client = app(req, res);
        if (!client) return;
        await body();
        const order = owned(client, params[1]!);
        if (!order) return notFound(res, params[1]!);
        const key = requestIdOf(req, client, `capture ${order.id}`);
        if (key && requestIds.has(key)) return json(res, 201, view(order, originOf(req), params[0]!), { 'paypal-debug-id': randomId(7) });
        if (order.status === 'COMPLETED') {
          return paypalError(res, 422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', 'ORDER_ALREADY_CAPTURED', 'Order already captured.If \'intent=CAPTURE\' only one capture per order is allowed.');
        }
        if (order.status !== 'APPROVED') {
          return paypalError(res, 422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', 'ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment. Please redirect the payer to the \'rel\':\'approve\' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.');
        }
        order.status = 'COMPLETED';
        order.capture = { id: randomId(8).toUpperCase().slice(0, 17).padEnd(17, '1'), status: 'COMPLETED', amount: order.unit.amount, refunded: 0 };
        captures.set(order.capture.id, order.id);
        if (key) requestIds.set(key, order.id);
        callbacks.emitEvent('paypal', 'PAYMENT.CAPTURE.COMPLETED', order.capture.id, order.unit.custom_id ?? null);
        json(res, 201, view(order, originOf(req), params[0]!), { 'paypal-debug-id': randomId(7) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/paypal\/(live|sandbox)\/v2\/payments\/captures\/([^/]+)\/refund$/,
      async handle({ req, res, params, body }) {
        const client = app(req, res);
        if (!client) return;
        const input = parseJson((await body()) || '{}');
        const order = owned(client, captures.get(params[1]!) ?? '');
        const capture = order?.capture;
        if (!order || !capture) return notFound(res, params[1]!);
        const key = requestIdOf(req, client, `refund ${capture.id}`);
        const earlier = key ? order.refunds.find((r) => r.id === requestIds.get(key)) : undefined;
        if (earlier) return json(res, 201, earlier, { 'paypal-debug-id': randomId(7) });
        const left = toMinor(capture.amount) - capture.refunded;
        if (left <= 0) {
          return paypalError(res, 422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', 'CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded');
        }
        const asked = input?.amount as Partial<Money> | undefined;
        if (asked && (asked.currency_code !== capture.amount.currency_code || typeof asked.value !== 'string' || !/^\d+(\.\d{1,3})?$/.test(asked.value))) {
          return paypalError(res, 422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', 'REFUND_CURRENCY_MISMATCH', 'Refund must be in the same currency as the capture.');
        }
        const amount = asked ? toMinor(asked as Money) : left;
        if (amount > left) {
          return paypalError(res, 422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', 'REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.');
        }
        capture.refunded += amount;
        capture.status = capture.refunded >= toMinor(capture.amount) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
        const refund = { id: randomId(8).toUpperCase().slice(0, 17).padEnd(17, '2'), status: 'COMPLETED', amount: { currency_code: capture.amount.currency_code, value: toValue(amount, capture.amount.currency_code) } };
        order.refunds.push(refund);
        if (key) requestIds.set(key, refund.id);
        json(res, 201, { ...refund, links: [link(`${originOf(req)}/paypal/${params[0]}/v2/payments/captures/${capture.id}`, 'up')] }, { 'paypal-debug-id': randomId(7) });
      },
    },
  ];

  return {
    routes,
    /** Records a token the token endpoint issued, so API calls can check it. */
    issue: (token: string, client: string, secret: string) => tokens.set(token, { client, noscope: markerOf(secret) === 'noscope' }),
    reset: () => {
      tokens.clear();
      orders.clear();
      captures.clear();
      requestIds.clear();
    },
  };
}
