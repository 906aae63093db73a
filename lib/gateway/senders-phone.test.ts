// The phone senders (Twilio, Exotel Phone, Exotel WhatsApp) over real HTTP against the in-process
// simulator: what each accepted send stores, and how each recipient convention (401, 429, 500) and
// each refusal comes back to the gateway. Answers the simulator does not give (a Twilio 21211, a
// RestException inside a 200, a failed message inside a 202) are fed in through a stub context.
import { createHash, randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProbeResponse } from '@/lib/integrations/define.server';
import { findServerProvider } from '@/lib/integrations/registry.server';
import type { SentRecord } from '@/scripts/simulator/providers';
import { hex32, providerCases, type Creds } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { createSendContext } from './context';
import type { Outbound, SendContext, SendResult } from './define';

const simulator = simulatorForTests();
beforeEach(() => fetch(`${simulator.sim.url}/_control/reset`, { method: 'POST' }));

const TEXT = 'Your code is 482913';
/** The number the simulator reads its conventions from: the customer, or for Twilio's calls the agent. */
const RECIPIENT = '+60111222333';
const CUSTOMER = '+60123456789';
const AGENT = '+60198765432';
const CALLER_ID = '+60312345678';
const CONTENT_SID = `HX${'ab12'.repeat(8)}`;

const sent = async (provider: string): Promise<SentRecord[]> =>
  (await (await fetch(`${simulator.sim.url}/_control/sent?provider=${provider}`)).json()) as SentRecord[];

interface Attempt {
  result: SendResult;
  /** The bodies of the requests the sender made. */
  bodies: string[];
}

async function send(id: string, message: Outbound, options: { requestId?: string; creds?: Creds } = {}): Promise<Attempt> {
  const provider = findServerProvider(id)!;
  const credentials = provider.schema.parse({ ...providerCases(simulator.sim)[id]!.good, ...options.creds }) as Record<string, unknown>;
  const requestId = options.requestId ?? randomUUID();
  const ctx = createSendContext({ requestId, idempotencyKey: `sb-${requestId}`, timeoutMs: 5000 });
  const bodies: string[] = [];
  const watched: SendContext = { ...ctx, request: (url, init) => (bodies.push(init?.body ?? ''), ctx.request(url, init)) };
  try {
    return { result: await provider.send!.send(credentials, message, watched), bodies };
  } finally {
    ctx.dispose();
  }
}

interface Case {
  name: string;
  provider: string;
  /** The message, with `number` where the simulator reads its recipient conventions. */
  message: (number: string) => Outbound;
  /** The recipient the simulator logs for `number`. */
  loggedTo: (number: string) => string;
  providerId: RegExp;
  /** A number the simulator refuses, and the provider code it gives. */
  refused?: { number: string; providerCode?: string };
  /** Reads the request id back from what the provider stored, when it shows it. */
  storedRequestId?: (providerId: string) => Promise<unknown>;
}

const exotel = providerCases({ url: '', smtpPort: 0 }).exotel_phone!.good;
const exotelRead = (path: string) => async (sid: string) => {
  const auth = `Basic ${Buffer.from(`${String(exotel.api_key)}:${String(exotel.api_token)}`).toString('base64')}`;
  const response = await fetch(`${simulator.sim.url}/exotel/sg/v1/Accounts/${String(exotel.account_sid)}/${path}/${sid}.json`, { headers: { authorization: auth } });
  const body = (await response.json()) as Record<string, { CustomField?: string }>;
  return Object.values(body)[0]?.CustomField;
};

const cases: Case[] = [
  {
    name: 'Twilio SMS',
    provider: 'twilio',
    message: (to) => ({ channel: 'sms', to, text: TEXT }),
    loggedTo: (to) => to,
    providerId: /^SM[0-9a-f]{32}$/,
    refused: { number: '', providerCode: '21604' },
  },
  {
    name: 'Twilio WhatsApp text',
    provider: 'twilio',
    message: (to) => ({ channel: 'whatsapp', to, text: TEXT }),
    loggedTo: (to) => `whatsapp:${to}`,
    providerId: /^SM[0-9a-f]{32}$/,
  },
  {
    name: 'Twilio WhatsApp template',
    provider: 'twilio',
    message: (to) => ({ channel: 'whatsapp', to, template: { name: CONTENT_SID, language: 'en', variables: ['Ana', '482913'] } }),
    loggedTo: (to) => `whatsapp:${to}`,
    providerId: /^SM[0-9a-f]{32}$/,
  },
  {
    name: 'Twilio click-to-call',
    provider: 'twilio',
    // Twilio rings the agent first: the agent is the number the simulator reads.
    message: (agent) => ({ channel: 'call', to: CUSTOMER, agent, callerId: CALLER_ID, record: true }),
    loggedTo: (agent) => agent,
    providerId: /^CA[0-9a-f]{32}$/,
    refused: { number: '', providerCode: '21201' },
  },
  {
    name: 'Exotel SMS',
    provider: 'exotel_phone',
    message: (to) => ({ channel: 'sms', to, text: TEXT }),
    loggedTo: (to) => to,
    providerId: /^[0-9a-f]{32}$/,
    refused: { number: '' },
    storedRequestId: exotelRead('SMS/Messages'),
  },
  {
    name: 'Exotel click-to-call',
    provider: 'exotel_phone',
    message: (to) => ({ channel: 'call', to, agent: AGENT, callerId: CALLER_ID, record: true }),
    loggedTo: (to) => to,
    providerId: /^[0-9a-f]{32}$/,
    refused: { number: '' },
    storedRequestId: exotelRead('Calls'),
  },
  {
    name: 'Exotel WhatsApp text',
    provider: 'exotel_whatsapp',
    message: (to) => ({ channel: 'whatsapp', to, text: TEXT }),
    loggedTo: (to) => to,
    providerId: /^[0-9a-f]{32}$/,
    refused: { number: '', providerCode: '1002' },
  },
  {
    name: 'Exotel WhatsApp template',
    provider: 'exotel_whatsapp',
    message: (to) => ({ channel: 'whatsapp', to, template: { name: 'otp_verification', language: 'en', variables: ['482913'] } }),
    loggedTo: (to) => to,
    providerId: /^[0-9a-f]{32}$/,
  },
];

/** Neither the message nor a secret may reach the activity log. */
function expectClean(result: SendResult, id: string) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(TEXT);
  expect(text).not.toContain('482913');
  const good = providerCases(simulator.sim)[id]!.good;
  for (const secret of [good.auth_token, good.api_token, good.api_key]) if (typeof secret === 'string') expect(text).not.toContain(secret);
}

describe.each(cases)('$name', (c) => {
  it('sends once, stores the provider id, and gives the provider the request id', async () => {
    const requestId = randomUUID();
    const { result, bodies } = await send(c.provider, c.message(RECIPIENT), { requestId });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, providerId: expect.stringMatching(c.providerId) as unknown });
    if (!result.ok) return;
    const records = await sent(c.provider === 'twilio' ? 'twilio' : 'exotel');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'accepted', providerId: result.providerId, to: c.loggedTo(RECIPIENT) });
    if (c.storedRequestId) expect(await c.storedRequestId(result.providerId)).toBe(requestId);
    // Exotel keeps no WhatsApp message to read back: the body the simulator logged carries the id.
    if (c.provider === 'exotel_whatsapp') {
      expect((JSON.parse(bodies[0]!) as { custom_data: string }).custom_data).toBe(requestId);
      expect(records[0]!.bodySha256).toBe(createHash('sha256').update(bodies[0]!).digest('hex'));
    }
  });

  it('reads a dead-credential answer (401) as dead, bad_credentials', async () => {
    const { result } = await send(c.provider, c.message('+60123450401'));
    expect(result).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', httpStatus: 401 });
    expectClean(result, c.provider);
  });

  it('retries a rate limit (429) and is accepted on the third attempt', async () => {
    const requestId = randomUUID();
    for (let i = 0; i < 2; i++) {
      const { result } = await send(c.provider, c.message('+60123450429'), { requestId });
      expect(result).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', httpStatus: 429 });
      // Neither provider promises a Retry-After, and the simulator sends none.
      expect(result.ok ? null : result.retryAfterSeconds).toBeUndefined();
    }
    const { result } = await send(c.provider, c.message('+60123450429'), { requestId });
    expect(result).toMatchObject({ ok: true });
  });

  it('retries a 5xx as provider_error', async () => {
    const { result } = await send(c.provider, c.message('+60123450500'));
    expect(result).toMatchObject({ ok: false, kind: 'retry', code: 'provider_error', httpStatus: 500 });
    expectClean(result, c.provider);
  });

  it.runIf(c.refused)('reads a refused number as rejected, with the provider code', async () => {
    const { result } = await send(c.provider, c.message(c.refused!.number));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', httpStatus: 400 });
    if (result.ok) return;
    expect(result.providerCode).toBe(c.refused!.providerCode);
    expect(result.message).toMatch(/refused/);
    expectClean(result, c.provider);
  });
});

describe('what is checked before or around a send', () => {
  it('refuses a Twilio WhatsApp template named by anything but its Content SID, without calling Twilio', async () => {
    const { result, bodies } = await send('twilio', { channel: 'whatsapp', to: RECIPIENT, template: { name: 'order_update', language: 'en', variables: [] } });
    expect(result).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', message: expect.stringContaining('Content SID (HX…)') as unknown });
    expect(bodies).toHaveLength(0);
  });

  it('sends a Twilio template as ContentSid with numbered variables, and a call as TwiML dialling the customer', async () => {
    const template = await send('twilio', { channel: 'whatsapp', to: RECIPIENT, template: { name: CONTENT_SID, language: 'en', variables: ['Ana'] } });
    const form = Object.fromEntries(new URLSearchParams(template.bodies[0]));
    expect(form).toMatchObject({ To: `whatsapp:${RECIPIENT}`, From: 'whatsapp:+14155238886', ContentSid: CONTENT_SID, ContentVariables: '{"1":"Ana"}' });
    expect(form.Body).toBeUndefined();

    const call = await send('twilio', { channel: 'call', to: CUSTOMER, agent: AGENT, callerId: CALLER_ID, record: false });
    expect(Object.fromEntries(new URLSearchParams(call.bodies[0]))).toEqual({
      To: AGENT,
      From: CALLER_ID,
      Twiml: `<Response><Dial callerId="${CALLER_ID}" record="do-not-record">${CUSTOMER}</Dial></Response>`,
    });
  });

  it('refuses an SMS when the Twilio integration has no SMS number', async () => {
    const { result, bodies } = await send('twilio', { channel: 'sms', to: RECIPIENT, text: TEXT }, { creds: { sms_number: '' } });
    expect(result).toMatchObject({ ok: false, kind: 'rejected', message: expect.stringContaining('no SMS number') as unknown });
    expect(bodies).toHaveLength(0);
  });

  it('reads account-level refusals as dead', async () => {
    const noscope = await send('twilio', { channel: 'sms', to: RECIPIENT, text: TEXT }, { creds: { auth_token: hex32('0403') } });
    expect(noscope.result).toMatchObject({ ok: false, kind: 'dead', code: 'missing_scope', httpStatus: 403, providerCode: '20403' });
    const badToken = await send('twilio', { channel: 'sms', to: RECIPIENT, text: TEXT }, { creds: { auth_token: hex32('bad') } });
    expect(badToken.result).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', providerCode: '20003' });
    const otherAccount = await send('exotel_phone', { channel: 'sms', to: RECIPIENT, text: TEXT }, { creds: { account_sid: 'notfound-acct' } });
    expect(otherAccount.result).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', httpStatus: 403 });
    const whatsapp = await send('exotel_whatsapp', { channel: 'whatsapp', to: RECIPIENT, text: TEXT }, { creds: { account_sid: 'notfound-wa' } });
    expect(whatsapp.result).toMatchObject({ ok: false, kind: 'dead', httpStatus: 403, providerCode: '1003' });
  });

  it('takes Retry-After from a credential-level 429', async () => {
    const { result } = await send('exotel_phone', { channel: 'call', to: RECIPIENT, agent: AGENT, callerId: CALLER_ID, record: true }, { creds: { api_token: 'token-ratelimit-1' } });
    expect(result).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', retryAfterSeconds: 7 });
  });
});

/** A context whose one request gets `response`, for answers the simulator does not give. */
function stubbed(response: Partial<ProbeResponse> & { status: number }): SendContext {
  const full: ProbeResponse = { headers: {}, text: JSON.stringify(response.json ?? null), json: undefined, ...response };
  return {
    requestId: 'req-1',
    idempotencyKey: 'sb-req-1',
    baseUrl: () => 'http://provider.test',
    elapsedMs: () => 0,
    request: () => Promise.resolve(full),
    sendMail: () => Promise.reject(new Error('no mail here')),
  };
}

async function answer(id: string, message: Outbound, response: Partial<ProbeResponse> & { status: number }): Promise<SendResult> {
  const provider = findServerProvider(id)!;
  const credentials = provider.schema.parse(providerCases(simulator.sim)[id]!.good) as Record<string, unknown>;
  return provider.send!.send(credentials, message, stubbed(response));
}

describe('documented answers the simulator does not give', () => {
  const sms: Outbound = { channel: 'sms', to: RECIPIENT, text: TEXT };
  const whatsapp: Outbound = { channel: 'whatsapp', to: RECIPIENT, text: TEXT };
  const twilioError = (status: number, code: number, message: string) => ({ status, json: { code, message, more_info: '', status } });
  const v2 = (messages: unknown[]) => ({ status: 202, json: { request_id: 'r', method: 'POST', http_code: 202, response: { whatsapp: { messages } } } });

  it('Twilio: validation codes are refusals of the number, 429 keeps its Retry-After, an unreadable 201 counts as sent (never sent twice)', async () => {
    const refused = await answer('twilio', sms, twilioError(400, 21211, "The 'To' number +6011 is not a valid phone number."));
    expect(refused).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', providerCode: '21211', message: expect.stringMatching(/^Twilio refused the number: /) as unknown });
    for (const code of [21608, 21610, 21614]) expect(await answer('twilio', sms, twilioError(400, code, 'No.'))).toMatchObject({ kind: 'rejected', providerCode: String(code) });
    const limited = await answer('twilio', sms, { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'retry-after': '3' } });
    expect(limited).toMatchObject({ kind: 'retry', code: 'rate_limited', retryAfterSeconds: 3, providerCode: '20429' });
    expect(await answer('twilio', sms, { status: 201, text: '<html>' })).toMatchObject({ ok: true, providerId: '' });
    expect(await answer('twilio', sms, { status: 400, text: 'Bad Request' })).toMatchObject({ kind: 'retry', code: 'invalid_response' });
  });

  it('Exotel: a RestException inside a 200 is a failure, 403 (no balance) is dead, 400 is refused with its code', async () => {
    const inside = await answer('exotel_phone', sms, { status: 200, json: { RestException: { Status: 400, Code: 34001, Message: 'To number is invalid' } } });
    expect(inside).toMatchObject({ ok: false, kind: 'rejected', providerCode: '34001', message: 'Exotel refused the message: To number is invalid' });
    const balance = await answer('exotel_phone', sms, { status: 403, json: { RestException: { Status: 403, Message: 'Insufficient balance' } } });
    expect(balance).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', message: expect.stringContaining('Insufficient balance') as unknown });
    expect(await answer('exotel_phone', sms, { status: 200, json: { SMSMessage: {} } })).toMatchObject({ ok: true, providerId: '' });
  });

  it('Exotel WhatsApp: each message status inside the 202 decides', async () => {
    const failed = await answer('exotel_whatsapp', whatsapp, v2([{ code: 400, status: 'failure', error_data: { code: 1002, message: 'Invalid parameter', description: 'to is not a WhatsApp number' }, data: null }]));
    expect(failed).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', providerCode: '1002', httpStatus: 202 });
    expect(failed.ok ? '' : failed.message).toContain('to is not a WhatsApp number');
    const limited = await answer('exotel_whatsapp', whatsapp, v2([{ code: 429, status: 'failure', error_data: { code: 1008, message: 'Too many requests' } }]));
    expect(limited).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited' });
    const sid = await answer('exotel_whatsapp', whatsapp, v2([{ code: 200, status: 'success', error_data: null, data: { sid: 'abc' } }]));
    expect(sid).toMatchObject({ ok: true, providerId: 'abc', httpStatus: 202 });
    expect(await answer('exotel_whatsapp', whatsapp, v2([]))).toMatchObject({ ok: true, providerId: '' });
  });
});
