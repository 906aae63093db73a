// Exotel's callbacks carry no signature: they are read as sent, and voice and SMS statuses are only
// believed once Exotel's details API (here the simulator) states them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exotelCallback } from '@/scripts/simulator/webhooks/sign';
import { startSimulator, type Simulator } from '@/scripts/simulator/server';
import { exotelPhoneWebhook } from './exotel-phone.webhook.server';
import { exotelWhatsAppWebhook } from './exotel-whatsapp.webhook.server';
import { accepted, context, inbound, reasonOf } from '../webhook-testing';

const now = new Date('2026-11-27T12:00:00Z');
const account = { account_sid: 'acme-webhooks', api_key: 'key-1', api_token: 'token-good', region: 'sg' as const };

describe('Exotel voice and SMS callbacks', () => {
  const ctx = context(now);

  it('reads a completed call (form), with the talk time and the request id', async () => {
    const body = exotelCallback({ CallSid: 'c1', Status: 'completed', ConversationDuration: '42', DateUpdated: '2026-11-27 17:29:00', CustomField: 'req_31' });
    const delivery = await accepted(exotelPhoneWebhook.verify(inbound(body), account, ctx));
    expect(delivery.eventType).toBe('call.completed');
    expect(delivery.events).toEqual([{ kind: 'call', status: 'completed', providerMessageId: 'c1', requestId: 'req_31', at: '2026-11-27T11:59:00.000Z', durationSeconds: 42 }]);
  });

  it('reads legs from a JSON callback or a form, and a no-answer as failed', async () => {
    const json = exotelCallback({ CallSid: 'c2', Status: 'completed', Legs: [{ OnCallDuration: 30 }, { OnCallDuration: 25 }] }, 'json');
    expect((await accepted(exotelPhoneWebhook.verify(inbound(json), account, ctx))).events).toMatchObject([{ durationSeconds: 30 }]);
    const form = inbound({ body: 'CallSid=c3&Status=completed&Legs%5B0%5D%5BOnCallDuration%5D=12&Legs%5B1%5D%5BOnCallDuration%5D=9', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await accepted(exotelPhoneWebhook.verify(form, account, ctx))).events).toMatchObject([{ durationSeconds: 12 }]);
    const missed = exotelCallback({ CallSid: 'c4', Status: 'no-answer', CustomField: 'req_32' });
    expect((await accepted(exotelPhoneWebhook.verify(inbound(missed), account, ctx))).events).toMatchObject([{ status: 'failed', reason: 'Nobody answered.', requestId: 'req_32' }]);
  });

  it('reads SMS statuses: delivered to the handset, DND, failed; queued ignored', async () => {
    const sms = async (fields: Record<string, string>) => (await accepted(exotelPhoneWebhook.verify(inbound(exotelCallback({ SmsSid: 's1', CustomField: 'req_33', ...fields })), account, ctx))).events;
    expect(await sms({ Status: 'sent', DetailedStatus: 'DELIVERED_TO_HANDSET', DetailedStatusCode: '20005' })).toMatchObject([{ kind: 'message', status: 'delivered', requestId: 'req_33' }]);
    expect(await sms({ Status: 'sent', DetailedStatus: 'DELIVERED_TO_OPERATOR' })).toMatchObject([{ status: 'sent' }]);
    expect(await sms({ Status: 'failed-dnd', DetailedStatusCode: '21004' })).toMatchObject([{ status: 'failed', errorCode: '21004', reason: 'The number is on the Do Not Disturb registry.' }]);
    expect(await sms({ Status: 'failed', DetailedStatus: 'INVALID_NUMBER' })).toMatchObject([{ status: 'failed', reason: 'Invalid number.' }]);
    expect(await sms({ Status: 'queued' })).toEqual([]);
  });

  it('refuses a body that is neither, and needs no secret', async () => {
    expect(await reasonOf(exotelPhoneWebhook.verify(inbound(exotelCallback({ hello: 'world' })), account, ctx))).toBe('unreadable');
    expect(exotelPhoneWebhook.secretFields).toEqual([]);
    expect(exotelPhoneWebhook.perRequestCallback).toBe(true);
  });
});

describe('Exotel confirm, against the details API', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, smtpPort: 0 });
  });
  afterAll(() => sim?.close());
  beforeEach(() => fetch(`${sim.url}/_control/reset`, { method: 'POST' }));

  const send = async (path: string, form: Record<string, string>): Promise<Record<string, unknown>> => {
    const response = await fetch(`${sim.url}/exotel/sg/v1/Accounts/${account.account_sid}/${path}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${account.api_key}:${account.api_token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  it('reports the status Exotel states for an SMS it knows, and null for one it does not', async () => {
    const sent = (await send('Sms/send.json', { From: '01141169368', To: '919876543210', Body: 'Hi', CustomField: 'req_41' })).SMSMessage as { Sid: string };
    const claimed = { kind: 'message' as const, status: 'failed' as const, providerMessageId: sent.Sid, requestId: 'req_41', at: now.toISOString() };
    const confirmed = await exotelPhoneWebhook.confirm!(claimed, account, context(now, sim.url));
    expect(confirmed).toMatchObject({ kind: 'message', status: 'delivered', providerMessageId: sent.Sid, requestId: 'req_41' });
    expect(await exotelPhoneWebhook.confirm!({ ...claimed, providerMessageId: 'never-sent' }, account, context(now, sim.url))).toBeNull();
  });

  it('reports a call as Exotel states it, with the conversation time', async () => {
    const call = (await send('Calls/connect.json', { From: '919800000001', To: '919876543210', CallerId: '01141169368', CustomField: 'req_42' })).Call as { Sid: string };
    const claimed = { kind: 'call' as const, status: 'completed' as const, providerMessageId: call.Sid, requestId: 'req_42', at: now.toISOString(), durationSeconds: 9999 };
    const confirmed = await exotelPhoneWebhook.confirm!(claimed, account, context(now, sim.url));
    expect(confirmed).toMatchObject({ kind: 'call', status: 'completed', providerMessageId: call.Sid, requestId: 'req_42' });
    expect(confirmed && 'durationSeconds' in confirmed ? confirmed.durationSeconds : null).toBeLessThan(300);
  });

  it('throws rather than drop an event when Exotel cannot answer', async () => {
    const claimed = { kind: 'message' as const, status: 'sent' as const, providerMessageId: 'x', at: now.toISOString() };
    await expect(exotelPhoneWebhook.confirm!(claimed, { ...account, api_token: 'token-bad' }, context(now, sim.url))).rejects.toThrow(/HTTP 401/);
    expect(await exotelPhoneWebhook.confirm!({ kind: 'meeting', objectId: '1', status: 'ended', at: now.toISOString() }, account, context(now, sim.url))).toBeNull();
  });
});

describe('Exotel WhatsApp callbacks', () => {
  const ctx = context(now);
  const dlr = (sid: string, status: string, extra: Record<string, unknown> = {}) => ({ callback_type: 'dlr', sid, exo_status_code: 30001, exo_detailed_status: status, custom_data: 'req_51', ...extra });

  it('reads sent, delivered, seen and failures; ignores incoming messages', async () => {
    const payload = {
      whatsapp: {
        messages: [
          dlr('w1', 'EX_MESSAGE_SENT'),
          dlr('w2', 'EX_MESSAGE_DELIVERED'),
          dlr('w3', 'EX_MESSAGE_SEEN'),
          dlr('w4', 'EX_MESSAGE_FAILED', { exo_status_code: 30003, description: 'Recipient is not a WhatsApp user' }),
          { callback_type: 'incoming_message', sid: 'w5' },
        ],
      },
    };
    const delivery = await accepted(exotelWhatsAppWebhook.verify(inbound(exotelCallback(payload, 'json')), account, ctx));
    expect(delivery.events.map((e) => ('status' in e ? e.status : null))).toEqual(['sent', 'delivered', 'read', 'failed']);
    expect(delivery.events[3]).toMatchObject({ providerMessageId: 'w4', requestId: 'req_51', errorCode: '30003', reason: 'Recipient is not a WhatsApp user' });
    const reordered = { whatsapp: { messages: [...payload.whatsapp.messages].reverse() } };
    expect((await accepted(exotelWhatsAppWebhook.verify(inbound(exotelCallback(reordered, 'json')), account, ctx))).eventId).toBe(delivery.eventId);
  });

  it('has no confirm (no details API is known) and refuses other bodies', async () => {
    expect(exotelWhatsAppWebhook.confirm).toBeUndefined();
    expect(exotelWhatsAppWebhook.secretFields).toEqual([]);
    expect(await reasonOf(exotelWhatsAppWebhook.verify(inbound(exotelCallback({ hello: 1 }, 'json')), account, ctx))).toBe('unreadable');
  });
});
