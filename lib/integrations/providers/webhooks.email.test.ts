// Resend's (Svix) and SendGrid's callbacks: signatures checked against vectors signed both by the
// providers' libraries or the simulator's signer and by node:crypto written out here.
import { createHmac, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sendgridTestKeys, signResend, signSendGrid } from '@/scripts/simulator/webhooks/sign';
import { resendWebhook } from './resend.webhook.server';
import { sendgridWebhook } from './sendgrid.webhook.server';
import { accepted, context, flipped, inbound, reasonOf, without } from '../webhook-testing';

describe('Resend callbacks (Svix)', () => {
  const key = Buffer.from('switchboard-resend-test-key-32by');
  const secret = `whsec_${key.toString('base64')}`;
  const account = { webhook_secret: secret };
  const now = new Date(); // the library reads the system clock too
  const bounced = {
    type: 'email.bounced',
    created_at: '2026-11-27T10:00:00.000Z',
    data: { email_id: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c', tags: { gw_id: 'req_7' }, bounce: { message: 'The mailbox does not exist.', type: 'Permanent' } },
  };

  it('reads a bounce as failed with the reason, the gw_id tag and the email id', async () => {
    const delivery = await accepted(resendWebhook.verify(inbound(signResend(bounced, secret, now, 'msg_2Kp')), account, context(now)));
    expect(delivery).toEqual({
      eventId: 'msg_2Kp',
      eventType: 'email.bounced',
      events: [{ kind: 'message', status: 'failed', requestId: 'req_7', providerMessageId: bounced.data.email_id, at: '2026-11-27T10:00:00.000Z', reason: 'The mailbox does not exist.' }],
    });
  });

  it('reads sent and delivered, tags given as a list too, and ignores opens', async () => {
    const read = async (type: string, tags: unknown) =>
      (await accepted(resendWebhook.verify(inbound(signResend({ type, created_at: '2026-11-27T10:00:00Z', data: { email_id: 'e1', tags } }, secret, now)), account, context(now)))).events;
    expect(await read('email.delivered', { gw_id: 'req_8' })).toMatchObject([{ status: 'delivered', requestId: 'req_8' }]);
    expect(await read('email.sent', [{ name: 'gw_id', value: 'req_9' }])).toMatchObject([{ status: 'sent', requestId: 'req_9' }]);
    expect(await read('email.complained', {})).toMatchObject([{ status: 'failed', reason: 'The recipient marked the email as spam.' }]);
    expect(await read('email.opened', {})).toEqual([]);
  });

  it('accepts the scheme signed by hand: base64 HMAC-SHA256 of "id.timestamp.body" with the decoded key', async () => {
    const body = JSON.stringify(bounced);
    const t = String(Math.floor(now.getTime() / 1000));
    const mac = createHmac('sha256', key).update(`msg_hand.${t}.${body}`).digest('base64');
    const req = inbound({ body, headers: { 'svix-id': 'msg_hand', 'svix-timestamp': t, 'svix-signature': `v1,bm90LXRoaXMtb25l v1,${mac}` } });
    expect(await reasonOf(resendWebhook.verify(req, account, context(now)))).toBe('accepted');
    expect(mac).toBe(signResend(bounced, secret, now, 'msg_hand').headers['svix-signature']!.slice(3));
  });

  it('refuses a flipped byte, another secret, an old timestamp, missing headers', async () => {
    const req = inbound(signResend(bounced, secret, now));
    const check = (r = req, a: { webhook_secret?: string } = account, at = now) => reasonOf(resendWebhook.verify(r, a, context(at)));
    expect(await check(flipped(req))).toBe('bad_signature');
    expect(await check(req, { webhook_secret: `whsec_${Buffer.from('another-key-entirely-32-bytes!!!').toString('base64')}` })).toBe('bad_signature');
    const old = inbound(signResend(bounced, secret, new Date(now.getTime() - 301_000)));
    expect(await check(old)).toBe('stale_timestamp');
    // The portal's clock agreeing is not enough: the library's own clock refuses it as well.
    expect(await check(old, account, new Date(now.getTime() - 301_000))).toBe('stale_timestamp');
    for (const header of ['svix-id', 'svix-timestamp', 'svix-signature']) expect(await check(without(req, header))).toBe('missing_signature');
    expect(await check(req, {})).toBe('not_configured');
  });
});

describe('SendGrid callbacks (signed event webhook)', () => {
  const { privateKey, publicKey } = sendgridTestKeys();
  const account = { webhook_public_key: publicKey };
  const now = new Date('2026-11-27T12:00:00Z');
  const batch = [
    { email: 'a@example.com', event: 'processed', sg_event_id: 'ev-2', sg_message_id: 'Fsoh0JnqRsukhQbMLCP3bA.filterdrecv-5645d9c87f-6r2bd-1-647DF8B1-3.0', timestamp: 1795780000, gw_id: 'req_1' },
    { email: 'b@example.com', event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account does not exist.', sg_event_id: 'ev-1', sg_message_id: 'Zz9.filter0001', timestamp: 1795780001, gw_id: 'req_2' },
    { email: 'c@example.com', event: 'open', sg_event_id: 'ev-3', timestamp: 1795780002, gw_id: 'req_3' },
    { email: 'd@example.com', event: 'deferred', sg_event_id: 'ev-4', timestamp: 1795780003, gw_id: 'req_4' },
  ];

  it('derives the same key pair from the same seed, and a different one from another', () => {
    expect(sendgridTestKeys().publicKey).toBe(publicKey);
    expect(sendgridTestKeys('another').publicKey).not.toBe(publicKey);
    expect(publicKey).toMatch(/^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/);
  });

  it('reads a batch: processed is sent, a bounce failed with its reason; engagement and deferrals ignored', async () => {
    const delivery = await accepted(sendgridWebhook.verify(inbound(signSendGrid(batch, privateKey, now)), account, context(now)));
    expect(delivery.events).toEqual([
      { kind: 'message', status: 'sent', requestId: 'req_1', providerMessageId: 'Fsoh0JnqRsukhQbMLCP3bA', at: new Date(1795780000_000).toISOString() },
      { kind: 'message', status: 'failed', requestId: 'req_2', providerMessageId: 'Zz9', at: new Date(1795780001_000).toISOString(), reason: '550 5.1.1 The email account does not exist.', errorCode: '5.1.1' },
    ]);
    expect(delivery.eventType).toBe('bounce,deferred,open,processed');
    // The batch's id is its events' ids, in any order.
    const reordered = await accepted(sendgridWebhook.verify(inbound(signSendGrid([...batch].reverse(), privateKey, now)), account, context(now)));
    expect(reordered.eventId).toBe(delivery.eventId);
  });

  it('accepts a vector signed by hand with another key pair (node:crypto, DER ECDSA P-256 of timestamp + body)', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const body = JSON.stringify(batch.slice(0, 1));
    const t = String(Math.floor(now.getTime() / 1000));
    const signature = sign('sha256', Buffer.from(t + body), pair.privateKey).toString('base64');
    const spki = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const req = inbound({ body, headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': t } });
    expect(await reasonOf(sendgridWebhook.verify(req, { webhook_public_key: spki }, context(now)))).toBe('accepted');
    // And the simulator's signature is one node:crypto accepts with the published key.
    const signed = signSendGrid(batch, privateKey, now);
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from(t + signed.body), key, Buffer.from(signed.headers['x-twilio-email-event-webhook-signature']!, 'base64'))).toBe(true);
  });

  it('refuses a flipped byte, another key, an old or future timestamp, missing headers', async () => {
    const req = inbound(signSendGrid(batch, privateKey, now));
    const check = (r = req, a: { webhook_public_key?: string } = account) => reasonOf(sendgridWebhook.verify(r, a, context(now)));
    expect(await check(flipped(req))).toBe('bad_signature');
    expect(await check(req, { webhook_public_key: sendgridTestKeys('another').publicKey })).toBe('bad_signature');
    expect(await check(req, { webhook_public_key: 'MFnotakey' })).toBe('bad_signature');
    expect(await check({ ...req, headers: { ...req.headers, 'x-twilio-email-event-webhook-signature': 'garbage' } })).toBe('bad_signature');
    expect(await check(inbound(signSendGrid(batch, privateKey, new Date(now.getTime() - 301_000))))).toBe('stale_timestamp');
    expect(await check(inbound(signSendGrid(batch, privateKey, new Date(now.getTime() + 301_000))))).toBe('stale_timestamp');
    expect(await check(without(req, 'x-twilio-email-event-webhook-signature'))).toBe('missing_signature');
    expect(await check(without(req, 'x-twilio-email-event-webhook-timestamp'))).toBe('missing_signature');
    expect(await check(req, {})).toBe('not_configured');
  });
});
