// DocuSeal's and Zoom's callbacks, whose checks are written by hand: each is tested against vectors
// signed by the simulator's signer (node:crypto) and by Web Crypto following the scheme spelt out.
import { describe, expect, it } from 'vitest';
import { docuSealStaticHeader, signDocuSeal, signZoom } from '@/scripts/simulator/webhooks/sign';
import { docusealWebhook } from './docuseal.webhook.server';
import { zoomWebhook } from './zoom.webhook.server';
import { accepted, context, flipped, inbound, reasonOf, webHmac, without } from '../webhook-testing';

const now = new Date('2026-11-27T12:00:00Z');
const unix = String(Math.floor(now.getTime() / 1000));
const ctx = context(now);

describe('DocuSeal callbacks', () => {
  const secret = 'whsec_docuseal_7d9Q2mZk';
  const account = { webhook_secret: secret };
  const formStarted = {
    event_type: 'form.started',
    timestamp: '2026-11-27T11:59:00.123Z',
    data: { id: 501, submission_id: 77, email: 'signer@example.com', external_id: 'req_21', status: 'opened', submission: { id: 77, status: 'pending' } },
  };
  const submissionDone = {
    event_type: 'submission.completed',
    timestamp: '2026-11-27T11:59:30Z',
    data: { id: 77, status: 'completed', submitters: [{ id: 501, external_id: 'req_21' }] },
  };

  it('reads form.started as submission.started, and a completed submission', async () => {
    const started = await accepted(docusealWebhook.verify(inbound(signDocuSeal(formStarted, secret, now)), account, ctx));
    expect(started.eventType).toBe('form.started');
    expect(started.events).toEqual([{ kind: 'signing', objectId: '77', status: 'started', event: 'submission.started', at: '2026-11-27T11:59:00.123Z', ref: 'req_21' }]);
    const done = await accepted(docusealWebhook.verify(inbound(signDocuSeal(submissionDone, secret, now)), account, ctx));
    expect(done.events).toEqual([{ kind: 'signing', objectId: '77', status: 'completed', event: 'submission.completed', at: '2026-11-27T11:59:30.000Z', ref: 'req_21' }]);
    expect(done.eventId).not.toBe(started.eventId);
  });

  it('accepts the scheme spelt out: "{unix}.{hex HMAC-SHA256 of "{unix}.{body}" with the secret as-is}"', async () => {
    const body = JSON.stringify(formStarted);
    const mac = await webHmac('SHA-256', secret, `${unix}.${body}`, 'hex');
    const req = inbound({ body, headers: { 'x-docuseal-signature': `${unix}.${mac}` } });
    expect(await reasonOf(docusealWebhook.verify(req, account, ctx))).toBe('accepted');
    expect(signDocuSeal(formStarted, secret, now).headers['x-docuseal-signature']).toBe(`${unix}.${mac}`);
  });

  it('refuses a flipped byte, another secret, an old or future time, a missing or malformed header', async () => {
    const req = inbound(signDocuSeal(formStarted, secret, now));
    const check = (r = req, a: { webhook_secret?: string; webhook_header?: string } = account) => reasonOf(docusealWebhook.verify(r, a, ctx));
    expect(await check(flipped(req))).toBe('bad_signature');
    expect(await check(req, { webhook_secret: 'whsec_another_secret' })).toBe('bad_signature');
    expect(await check(inbound(signDocuSeal(formStarted, secret, new Date(now.getTime() - 301_000))))).toBe('stale_timestamp');
    expect(await check(inbound(signDocuSeal(formStarted, secret, new Date(now.getTime() + 301_000))))).toBe('stale_timestamp');
    expect(await check(without(req, 'x-docuseal-signature'))).toBe('missing_signature');
    expect(await check({ ...req, headers: { ...req.headers, 'x-docuseal-signature': 'sha256=abc' } })).toBe('bad_signature');
    expect(await check(req, {})).toBe('not_configured');
  });

  it('takes the static header on older installs, compared exactly', async () => {
    const account = { webhook_header: 'X-Webhook-Token: s3cret-Vq81' };
    const req = inbound(docuSealStaticHeader(submissionDone, account.webhook_header));
    expect(req.headers['x-webhook-token']).toBe('s3cret-Vq81');
    expect(await reasonOf(docusealWebhook.verify(req, account, ctx))).toBe('accepted');
    expect(await reasonOf(docusealWebhook.verify(req, { webhook_header: 'X-Webhook-Token: s3cret-Vq82' }, ctx))).toBe('bad_signature');
    expect(await reasonOf(docusealWebhook.verify(req, { webhook_header: 'X-Other-Token: s3cret-Vq81' }, ctx))).toBe('missing_signature');
    // With both configured, a signed delivery is held to its signature.
    const both = { webhook_header: account.webhook_header, webhook_secret: secret };
    expect(await reasonOf(docusealWebhook.verify(req, both, ctx))).toBe('accepted');
    expect(await reasonOf(docusealWebhook.verify(flipped(inbound(signDocuSeal(submissionDone, secret, now))), both, ctx))).toBe('bad_signature');
  });
});

describe('Zoom callbacks', () => {
  const secretToken = 'zoomSecretToken_4Hq9Xw2';
  const account = { webhook_secret_token: secretToken };
  const ended = {
    event: 'meeting.ended',
    event_ts: 1795780000123,
    payload: { account_id: 'AAAA', object: { id: 85746065432, uuid: '4444AAAiAAAAAiAiAiiAii==', topic: 'Intake' } },
  };

  it('reads meeting events', async () => {
    const delivery = await accepted(zoomWebhook.verify(inbound(signZoom(ended, secretToken, now)), account, ctx));
    expect(delivery.eventType).toBe('meeting.ended');
    expect(delivery.events).toEqual([{ kind: 'meeting', objectId: '85746065432', status: 'ended', at: new Date(1795780000123).toISOString() }]);
    const recording = { event: 'recording.completed', event_ts: 1795780000999, payload: { object: { id: 85746065432 } } };
    expect((await accepted(zoomWebhook.verify(inbound(signZoom(recording, secretToken, now)), account, ctx))).events).toMatchObject([{ status: 'recording_completed' }]);
  });

  it('answers endpoint.url_validation with the plainToken and its HMAC, and no events', async () => {
    const validation = { event: 'endpoint.url_validation', event_ts: 1795780000000, payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' } };
    const delivery = await accepted(zoomWebhook.verify(inbound(signZoom(validation, secretToken, now)), account, ctx));
    const encryptedToken = await webHmac('SHA-256', secretToken, 'qgg8vlvZRS6UYooatFL8Aw', 'hex');
    expect(delivery.events).toEqual([]);
    expect(delivery.reply).toEqual({ status: 200, contentType: 'application/json', body: JSON.stringify({ plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken }) });
    // An unsigned validation gets no answer that would prove the URL to whoever sent it.
    expect(await reasonOf(zoomWebhook.verify(without(inbound(signZoom(validation, secretToken, now)), 'x-zm-signature'), account, ctx))).toBe('missing_signature');
  });

  it('accepts the scheme spelt out: v0= hex HMAC-SHA256 of "v0:{timestamp}:{body}"', async () => {
    const body = JSON.stringify(ended);
    const mac = await webHmac('SHA-256', secretToken, `v0:${unix}:${body}`, 'hex');
    const req = inbound({ body, headers: { 'x-zm-request-timestamp': unix, 'x-zm-signature': `v0=${mac}` } });
    expect(await reasonOf(zoomWebhook.verify(req, account, ctx))).toBe('accepted');
    expect(signZoom(ended, secretToken, now).headers['x-zm-signature']).toBe(`v0=${mac}`);
  });

  it('refuses a flipped byte, another secret, an old timestamp, missing headers', async () => {
    const req = inbound(signZoom(ended, secretToken, now));
    const check = (r = req, a: { webhook_secret_token?: string } = account) => reasonOf(zoomWebhook.verify(r, a, ctx));
    expect(await check(flipped(req))).toBe('bad_signature');
    expect(await check(req, { webhook_secret_token: 'anotherToken' })).toBe('bad_signature');
    expect(await check(inbound(signZoom(ended, secretToken, new Date(now.getTime() - 301_000))))).toBe('stale_timestamp');
    // The timestamp is signed: moving it to now breaks the signature.
    expect(await check({ ...req, headers: { ...req.headers, 'x-zm-request-timestamp': String(Number(unix) + 1) } })).toBe('bad_signature');
    expect(await check(without(req, 'x-zm-signature'))).toBe('missing_signature');
    expect(await check(without(req, 'x-zm-request-timestamp'))).toBe('missing_signature');
    expect(await check(req, {})).toBe('not_configured');
  });
});
