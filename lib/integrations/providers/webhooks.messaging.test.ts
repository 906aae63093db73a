// Meta's and Twilio's callbacks: signatures checked against vectors signed both by the signer the
// simulator uses and by an independent implementation, and what each callback says.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signMeta, signTwilio, signTwilioJson } from '@/scripts/simulator/webhooks/sign';
import { metaWhatsAppWebhook } from './meta-whatsapp.webhook.server';
import { twilioWebhook } from './twilio.webhook.server';
import { accepted, context, flipped, HOOK_URL, inbound, reasonOf, webHmac, without } from '../webhook-testing';

const ctx = context();

describe('Meta WhatsApp callbacks', () => {
  const appSecret = '0123456789abcdef0123456789abcdef';
  const account = { app_secret: appSecret, verify_token: 'tide-pool-42' };
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              statuses: [
                { id: 'wamid.HBgL1', status: 'delivered', timestamp: '1795790000', biz_opaque_callback_data: 'req_1' },
                { id: 'wamid.HBgL2', status: 'failed', timestamp: '1795790001', errors: [{ code: 131026, title: 'Message undeliverable' }] },
                { id: 'wamid.HBgL3', status: 'deleted', timestamp: '1795790002' },
              ],
            },
          },
        ],
      },
    ],
  };

  it('accepts a signed delivery and reads its statuses', async () => {
    const delivery = await accepted(metaWhatsAppWebhook.verify(inbound(signMeta(payload, appSecret)), account, ctx));
    expect(delivery.eventType).toBe('statuses');
    expect(delivery.events).toEqual([
      { kind: 'message', status: 'delivered', providerMessageId: 'wamid.HBgL1', requestId: 'req_1', at: '2026-11-27T14:33:20.000Z' },
      { kind: 'message', status: 'failed', providerMessageId: 'wamid.HBgL2', requestId: undefined, at: '2026-11-27T14:33:21.000Z', errorCode: '131026', reason: 'Message undeliverable' },
    ]);
  });

  it('accepts the scheme as written independently (Web Crypto)', async () => {
    const body = JSON.stringify(payload);
    const signature = `sha256=${await webHmac('SHA-256', appSecret, body, 'hex')}`;
    const req = inbound({ body, headers: { 'x-hub-signature-256': signature } });
    expect(await reasonOf(metaWhatsAppWebhook.verify(req, account, ctx))).toBe('accepted');
  });

  it('refuses a flipped byte, another secret, a missing header and an unconfigured secret', async () => {
    const req = inbound(signMeta(payload, appSecret));
    const verify = (r = req, a: { app_secret?: string } = account) => reasonOf(metaWhatsAppWebhook.verify(r, a, ctx));
    expect(await verify(flipped(req))).toBe('bad_signature');
    expect(await verify(inbound(signMeta(payload, 'f'.repeat(32))))).toBe('bad_signature');
    expect(await verify(without(req, 'x-hub-signature-256'))).toBe('missing_signature');
    expect(await verify(req, {})).toBe('not_configured');
  });

  it('answers the subscription challenge only with the right verify token', async () => {
    const get = (token: string) => inbound({ body: '', headers: {} }, `${HOOK_URL}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`, 'GET');
    expect(metaWhatsAppWebhook.challenge!(get('tide-pool-42'), account)).toEqual({ status: 200, body: '1158201444' });
    expect(metaWhatsAppWebhook.challenge!(get('tide-pool-43'), account)).toEqual({ status: 403, body: 'Verify token mismatch' });
    expect(metaWhatsAppWebhook.challenge!(get('tide-pool-42'), { app_secret: appSecret })?.status).toBe(403);
    expect(metaWhatsAppWebhook.challenge!(inbound({ body: '', headers: {} }, HOOK_URL, 'GET'), account)).toBeNull();
  });
});

describe('Twilio callbacks', () => {
  const token = '0123456789abcdef0123456789abcdef';
  const account = { auth_token: token };
  const url = `${HOOK_URL}?r=req_42`;
  const message = { AccountSid: 'AC' + '1'.repeat(32), MessageSid: 'SM' + 'a'.repeat(32), MessageStatus: 'undelivered', ErrorCode: '30003', To: '+14155550100' };
  const call = { AccountSid: 'AC' + '1'.repeat(32), CallSid: 'CA' + 'b'.repeat(32), CallStatus: 'completed', CallDuration: '47', SequenceNumber: '3' };

  /** Twilio's scheme written out: URL, then each parameter name and value, sorted by name. */
  const byHand = (params: Record<string, string>, signedUrl: string) =>
    createHmac('sha1', token)
      .update(Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], signedUrl))
      .digest('base64');

  it('reads a message status callback, with the request id from the URL', async () => {
    const delivery = await accepted(twilioWebhook.verify(inbound(signTwilio(message, token, url), url), account, ctx));
    expect(delivery.eventType).toBe('message.undelivered');
    expect(delivery.events).toEqual([
      { kind: 'message', status: 'failed', requestId: 'req_42', providerMessageId: message.MessageSid, at: expect.any(String), errorCode: '30003', reason: 'Twilio error 30003.' },
    ]);
    expect(delivery.eventId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads a completed call with its duration, and a busy one as failed', async () => {
    const done = await accepted(twilioWebhook.verify(inbound(signTwilio(call, token, url), url), account, ctx));
    expect(done.events).toEqual([{ kind: 'call', status: 'completed', requestId: 'req_42', providerMessageId: call.CallSid, at: expect.any(String), durationSeconds: 47 }]);
    const busy = { ...call, CallStatus: 'busy', CallDuration: '0' };
    const failed = await accepted(twilioWebhook.verify(inbound(signTwilio(busy, token, url), url), account, ctx));
    expect(failed.events).toMatchObject([{ kind: 'call', status: 'failed', reason: 'The line was busy.' }]);
    expect(failed.eventId).not.toBe(done.eventId);
  });

  it('ignores queued and sending, and gives the same callback the same id', async () => {
    const queued = { ...message, MessageStatus: 'queued', ErrorCode: '' };
    const first = await accepted(twilioWebhook.verify(inbound(signTwilio(queued, token, url), url), account, ctx));
    const again = await accepted(twilioWebhook.verify(inbound(signTwilio(queued, token, url), url), account, ctx));
    expect(first.events).toEqual([]);
    expect(again.eventId).toBe(first.eventId);
  });

  it('accepts the scheme signed by hand, with and without the default port', async () => {
    const body = new URLSearchParams(message).toString();
    const plain = inbound({ body, headers: { 'x-twilio-signature': byHand(message, url) } }, url);
    expect(await reasonOf(twilioWebhook.verify(plain, account, ctx))).toBe('accepted');
    const withPort = inbound({ body, headers: { 'x-twilio-signature': byHand(message, url.replace('example.com/', 'example.com:443/')) } }, url);
    expect(await reasonOf(twilioWebhook.verify(withPort, account, ctx))).toBe('accepted');
    expect(byHand(message, url)).toBe(signTwilio(message, token, url).headers['x-twilio-signature']);
  });

  it('accepts a JSON body whose SHA-256 is in the signed URL, and refuses it changed', async () => {
    const signed = signTwilioJson({ CallSid: call.CallSid, CallStatus: 'no-answer' }, token, url);
    const req = inbound(signed);
    expect((await accepted(twilioWebhook.verify(req, account, ctx))).events).toMatchObject([{ kind: 'call', status: 'failed', reason: 'Nobody answered.', requestId: 'req_42' }]);
    expect(await reasonOf(twilioWebhook.verify(flipped(req), account, ctx))).toBe('bad_signature');
  });

  it('refuses a flipped byte, another token, another URL and a missing header', async () => {
    const req = inbound(signTwilio(message, token, url), url);
    const verify = (r = req, a = account) => reasonOf(twilioWebhook.verify(r, a, ctx));
    expect(await verify(flipped(req))).toBe('bad_signature');
    expect(await verify(req, { auth_token: 'f'.repeat(32) })).toBe('bad_signature');
    expect(await verify({ ...req, url: `${HOOK_URL}?r=req_43`, query: new URLSearchParams('r=req_43') })).toBe('bad_signature');
    expect(await verify(without(req, 'x-twilio-signature'))).toBe('missing_signature');
    expect(twilioWebhook.perRequestCallback).toBe(true);
  });
});
