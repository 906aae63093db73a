// The simulator's phone send APIs (Meta, Twilio, Exotel) and the sent log, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SentRecord } from './providers';
import { startSimulator, type Simulator } from './server';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, smtpPort: 0, sendSlowMs: 300 });
});
afterAll(() => sim?.close());
beforeEach(() => fetch(`${sim.url}/_control/reset`, { method: 'POST' }));

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const sent = async (query = ''): Promise<SentRecord[]> => (await (await fetch(`${sim.url}/_control/sent${query}`)).json()) as SentRecord[];

describe('Meta WhatsApp Cloud API sends', () => {
  const send = (to: string, extra: Record<string, unknown> = {}, token = 'EAAgood') =>
    fetch(`${sim.url}/graph/v21.0/106540352242922/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'Hi' }, ...extra }),
    });

  it('accepts a text message with a wamid and records it', async () => {
    const res = await send('60123456789');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messaging_product: string; contacts: { input: string; wa_id: string }[]; messages: { id: string; message_status: string }[] };
    expect(body.messaging_product).toBe('whatsapp');
    expect(body.contacts).toEqual([{ input: '60123456789', wa_id: '60123456789' }]);
    expect(body.messages[0]!.id).toMatch(/^wamid\./);
    expect(body.messages[0]!.message_status).toBe('accepted');
    const [record] = await sent('?provider=meta');
    expect(record).toMatchObject({ provider: 'meta', kind: 'message', to: '60123456789', providerId: body.messages[0]!.id, outcome: 'accepted' });
    expect(record!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(record)).not.toContain('Hi');
  });

  it('accepts a template and answers 132001 for a missing one', async () => {
    const template = (name: string) => ({ type: 'template', text: undefined, template: { name, language: { code: 'en_US' } } });
    expect((await send('60123456789', template('loan_approved'))).status).toBe(200);
    const missing = await send('60123456789', template('missing_one'));
    expect(missing.status).toBe(404);
    const { error } = (await missing.json()) as { error: { code: number; type: string; fbtrace_id: string; error_data: { details: string } } };
    expect(error).toMatchObject({ code: 132001, type: 'OAuthException' });
    expect(error.error_data.details).toContain('en_US');
  });

  it('answers bad parameters with #100', async () => {
    const res = await send('60123456789', { messaging_product: 'sms' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
    const noTo = await send('', {});
    expect(((await noTo.json()) as { error: { message: string } }).error.message).toBe('(#100) The parameter to is required.');
    expect((await sent('?provider=meta&outcome=rejected')).length).toBe(2);
  });

  it('answers a 401 recipient and a bad token with #190', async () => {
    const res = await send('60140112345');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(190);
    expect((await send('60123456789', {}, 'EAAbad')).status).toBe(401);
    expect((await sent('?provider=meta')).map((r) => r.outcome)).toEqual(['unauthorized', 'unauthorized']);
  });

  it('rate limits a 429 recipient twice with #130429 and no Retry-After, then accepts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await send('60123429000');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBeNull();
        expect(((await res.json()) as { error: { code: number } }).error.code).toBe(130429);
      }
    }
    expect(statuses).toEqual([429, 429, 200]);
    // Another body is another send: it starts its own count.
    expect((await send('60123429000', { text: { body: 'Other' } })).status).toBe(429);
  });

  it('fails a 500 recipient twice, then accepts', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send('60123500111')).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect((await sent('?to=60123500111')).map((r) => r.outcome)).toEqual(['server_error', 'server_error', 'accepted']);
  });
});

describe('Twilio sends', () => {
  const sid = `AC${'a'.repeat(32)}`;
  const post = (path: string, form: Record<string, string>, token = 'f'.repeat(32)) =>
    fetch(`${sim.url}/twilio/2010-04-01/Accounts/${sid}/${path}`, {
      method: 'POST',
      headers: { authorization: basic(sid, token), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  it('queues an SMS and a WhatsApp message (201, SM…) and reads one back', async () => {
    const sms = await post('Messages.json', { To: '+60123456789', From: '+14155550100', Body: 'Hi', StatusCallback: 'https://portal.example/cb?m=1' });
    expect(sms.status).toBe(201);
    const message = (await sms.json()) as { sid: string; status: string; to: string; direction: string; uri: string };
    expect(message).toMatchObject({ status: 'queued', to: '+60123456789', direction: 'outbound-api' });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    const wa = await post('Messages.json', { To: 'whatsapp:+60123456789', MessagingServiceSid: `MG${'b'.repeat(32)}`, ContentSid: `HX${'c'.repeat(32)}` });
    expect(wa.status).toBe(201);
    expect(((await wa.json()) as { status: string }).status).toBe('accepted');
    const read = await fetch(`${sim.url}/twilio${message.uri}`, { headers: { authorization: basic(sid, 'f'.repeat(32)) } });
    expect(((await read.json()) as { status: string }).status).toBe('delivered');
    expect((await sent('?provider=twilio')).map((r) => r.to)).toEqual(['+60123456789', 'whatsapp:+60123456789']);
  });

  it('refuses a channel mismatch and a missing To with Twilio errors', async () => {
    const mismatch = await post('Messages.json', { To: 'whatsapp:+60123456789', From: '+14155550100', Body: 'Hi' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toEqual({ code: 21910, message: expect.any(String), more_info: 'https://www.twilio.com/docs/errors/21910', status: 400 });
    expect(((await (await post('Messages.json', { From: '+14155550100', Body: 'Hi' })).json()) as { code: number }).code).toBe(21604);
  });

  it('places a call (201, CA…) and reports it completed', async () => {
    const res = await post('Calls.json', { To: '+60123456789', From: '+14155550100', Twiml: '<Response><Dial>+60111111111</Dial></Response>' });
    expect(res.status).toBe(201);
    const call = (await res.json()) as { sid: string; status: string; uri: string };
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe('queued');
    const read = (await (await fetch(`${sim.url}/twilio${call.uri}`, { headers: { authorization: basic(sid, 'f'.repeat(32)) } })).json()) as { status: string; duration: string };
    expect(read.status).toBe('completed');
    expect(Number(read.duration)).toBeGreaterThan(0);
    expect((await sent('?kind=call'))[0]).toMatchObject({ provider: 'twilio', providerId: call.sid });
  });

  it('answers 20003, 20429 (twice, no Retry-After) and 20500 by recipient', async () => {
    const dead = await post('Messages.json', { To: '+60140100000', From: '+14155550100', Body: 'Hi' });
    expect(dead.status).toBe(401);
    expect(((await dead.json()) as { code: number }).code).toBe(20003);
    const limited = [];
    for (let i = 0; i < 3; i++) {
      const res = await post('Messages.json', { To: '+60142900000', From: '+14155550100', Body: 'Hi' });
      limited.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBeNull();
        expect(((await res.json()) as { code: number }).code).toBe(20429);
      }
    }
    expect(limited).toEqual([429, 429, 201]);
    const failing = await post('Calls.json', { To: '+60150000000', From: '+14155550100', Url: 'https://portal.example/twiml' });
    expect(((await failing.json()) as { code: number; status: number })).toMatchObject({ code: 20500, status: 500 });
  });
});

describe('Exotel sends', () => {
  const auth = { authorization: basic('key', 'token') };
  const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = auth) =>
    fetch(`${sim.url}/exotel/in/v1/Accounts/acme/${path}`, { method: 'POST', headers, body: new URLSearchParams(fields) });

  it('connects a call and reads its details with Duration', async () => {
    const res = await form('Calls/connect.json', { From: '09876543210', To: '09123456789', CallerId: '08047112233', Record: 'true', CustomField: 'gw_1', StatusCallback: 'https://portal.example/cb' });
    expect(res.status).toBe(200);
    const { Call } = (await res.json()) as { Call: { Sid: string; Status: string; Duration: null; Direction: string; DateCreated: string } };
    expect(Call).toMatchObject({ Status: 'in-progress', Duration: null, Direction: 'outbound-api' });
    expect(Call.DateCreated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const details = await fetch(`${sim.url}/exotel/in/v1/Accounts/acme/Calls/${Call.Sid}.json?details=true`, { headers: auth });
    const read = ((await details.json()) as { Call: { Status: string; Duration: number; Details: { ConversationDuration: number } } }).Call;
    expect(read.Status).toBe('completed');
    expect(read.Duration).toBeGreaterThan(read.Details.ConversationDuration);
    expect((await sent('?provider=exotel&kind=call'))[0]).toMatchObject({ to: '09123456789', providerId: Call.Sid, outcome: 'accepted' });
  });

  it('sends an SMS and reads it back', async () => {
    const res = await form('Sms/send.json', { From: 'ACMEIN', To: '09123456789', Body: 'Your code is 1234' });
    const { SMSMessage } = (await res.json()) as { SMSMessage: { Sid: string; Status: string } };
    expect(SMSMessage.Status).toBe('queued');
    const read = await fetch(`${sim.url}/exotel/in/v1/Accounts/acme/SMS/Messages/${SMSMessage.Sid}.json`, { headers: auth });
    expect(((await read.json()) as { SMSMessage: { Status: string; Body: null } }).SMSMessage).toMatchObject({ Status: 'sent', Body: null });
  });

  it('answers with RestException bodies: missing parameter, 401, 429 twice then 200', async () => {
    const missing = await form('Sms/send.json', { From: 'ACMEIN', To: '09123456789' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { RestException: { Status: number } }).RestException.Status).toBe(400);
    expect((await form('Sms/send.json', { From: 'A', To: '1', Body: 'x' }, { authorization: basic('key', 'bad') })).status).toBe(401);
    expect((await form('Calls/connect.json', { From: '0980', To: '0914011', CallerId: '080' })).status).toBe(401);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await form('Sms/send.json', { From: 'ACMEIN', To: '0942900', Body: 'x' })).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('sends WhatsApp v2 messages (202, one sid each)', async () => {
    const message = (to: string) => ({ from: '+918047112233', to, content: { recipient_type: 'individual', type: 'text', text: { preview_url: false, body: 'Hi' } } });
    const res = await fetch(`${sim.url}/exotel/sg/v2/accounts/acme/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ custom_data: 'gw_1', whatsapp: { messages: [message('+919876543210'), message('+919876543211')] } }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { http_code: number; response: { whatsapp: { messages: { code: number; status: string; data: { sid: string } }[] } } };
    expect(body.http_code).toBe(202);
    expect(body.response.whatsapp.messages.map((m) => m.status)).toEqual(['success', 'success']);
    expect((await sent('?provider=exotel')).map((r) => r.providerId)).toEqual(body.response.whatsapp.messages.map((m) => m.data.sid));
  });
});

describe('slow recipients, the sent log and its control API', () => {
  it('records a slow send at once and answers it after slowMs, so a timed-out retry is a visible duplicate', async () => {
    const send = (signal?: AbortSignal) =>
      fetch(`${sim.url}/graph/v21.0/106540352242922/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer EAAgood', 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: '6012slow', type: 'text', text: { body: 'Hi' } }),
        ...(signal ? { signal } : {}),
      });
    await expect(send(AbortSignal.timeout(50))).rejects.toThrow();
    const started = Date.now();
    expect((await send()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await sent('?to=6012slow&outcome=accepted')).length).toBe(2);
  });

  it('configures slowMs, clears the log with DELETE and everything with reset', async () => {
    const put = await fetch(`${sim.url}/_control/send`, { method: 'PUT', body: JSON.stringify({ slowMs: 10 }) });
    expect(await put.json()).toEqual({ slowMs: 10 });
    expect(sim.providers.sends.slowMs).toBe(10);
    sim.providers.sends.record({ provider: 'meta', kind: 'message', to: 'x', providerId: null, bodySha256: null, outcome: 'accepted' });
    expect(await (await fetch(`${sim.url}/_control/sent`, { method: 'DELETE' })).json()).toEqual({ cleared: 1 });
    expect(await sent()).toEqual([]);
    await fetch(`${sim.url}/_control/reset`, { method: 'POST' });
    expect(sim.providers.sends.slowMs).toBe(300);
  });
});
