import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { withElevated } from '@/lib/db/rls';
import { saveIntegration } from '@/lib/integrations/write';
import { sendgridTestKeys, signDocuSeal, signPayPal, signResend, signSendGrid, signStripe, signTwilio, signZoom, type SignedCallback } from '@/scripts/simulator/webhooks/sign';
import { applyDelivery } from './apply';
import { callbackRoute } from './receive';
import { currentReceiver, receiverUrl } from './receivers';

// Every signed provider through the real route, log and job (Meta's own file goes deeper): a signed
// delivery changes the right row; a replay is dropped; a flipped byte, an old timestamp and another
// organization's URL are refused and change nothing.

const db = seededDatabase();
const env = simulatorForTests({ OUTBOUND_LIMITS: 'off' });
const MINUTES_AGO = (n: number) => new Date(Date.now() - n * 60_000);
/** A numeric provider id of the target's own (DocuSeal submissions and Zoom meetings are numbers). */
const numeric = (t: Target) => Number.parseInt(t.providerId.slice(0, 10), 16);
const resendKey = (seed: string) => `whsec_${Buffer.from(seed.padEnd(24, '.')).toString('base64')}`;

interface Target {
  requestId: string;
  providerId: string;
}

interface Case {
  /** Webhook secrets of organization A and B (saved on top of the simulator's good credentials). */
  secrets: [Record<string, string>, Record<string, string>];
  /** An outbound request the delivery is about (message providers), or none. */
  channel?: 'sms' | 'email';
  /** A delivery signed with A's secrets (`at` where the scheme carries a time). */
  sign(target: Target, url: string, at: Date): SignedCallback;
  /** Whether the delivery's change is in the database. */
  changed(org: FreshOrganization, target: Target): Promise<boolean>;
  timestamped: boolean;
}

const requestStatus = (status: string) => async (_org: FreshOrganization, t: Target) =>
  (await db.owner.query(`select 1 from outbound_requests where id = $1 and status = $2`, [t.requestId, status])).rowCount === 1;
const objectStatus = (kind: string, id: string, status: string) => async (org: FreshOrganization) =>
  (await db.owner.query(`select 1 from provider_objects where organization_id = $1 and object_kind = $2 and object_id = $3 and status = $4`, [org.id, kind, id, status])).rowCount === 1;

const TWILIO_A = 'feedfacecafe1111'.padEnd(32, '0');
const twilioB = { auth_token: 'feedfacecafe2222'.padEnd(32, '0') };
const sendgridA = sendgridTestKeys('org-a');
const sendgridB = sendgridTestKeys('org-b');

const cases: Record<string, Case> = {
  twilio: {
    secrets: [{}, twilioB],
    channel: 'sms',
    timestamped: false,
    sign: (t, url) => signTwilio({ MessageSid: t.providerId, MessageStatus: 'delivered', SmsSid: t.providerId, SmsStatus: 'delivered' }, TWILIO_A, url),
    changed: requestStatus('delivered'),
  },
  resend: {
    secrets: [{ webhook_secret: resendKey('org-a') }, { webhook_secret: resendKey('org-b') }],
    channel: 'email',
    timestamped: true,
    sign: (t, _url, at) =>
      signResend({ type: 'email.delivered', created_at: at.toISOString(), data: { email_id: t.providerId, to: ['ana@example.com'], tags: { gw_id: t.requestId } } }, resendKey('org-a'), at),
    changed: requestStatus('delivered'),
  },
  sendgrid: {
    secrets: [{ webhook_public_key: sendgridA.publicKey }, { webhook_public_key: sendgridB.publicKey }],
    channel: 'email',
    timestamped: true,
    sign: (t, _url, at) =>
      signSendGrid([{ email: 'ana@example.com', timestamp: Math.floor(at.getTime() / 1000), event: 'delivered', sg_event_id: `ev-${t.requestId}`, sg_message_id: `${t.providerId}.filter0001`, gw_id: t.requestId }], sendgridA.privateKey, at),
    changed: requestStatus('delivered'),
  },
  stripe: {
    secrets: [{ webhook_secret: 'whsec_orgAsecret0123456789' }, { webhook_secret: 'whsec_orgBsecret0123456789' }],
    timestamped: true,
    sign: (t, _url, at) =>
      signStripe({ id: `evt_${t.requestId}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(at.getTime() / 1000), data: { object: { id: `pi_${t.providerId}`, object: 'payment_intent', status: 'succeeded', metadata: {} } } }, 'whsec_orgAsecret0123456789', at),
    changed: (org, t) => objectStatus('payment', `pi_${t.providerId}`, 'succeeded')(org),
  },
  paypal: {
    secrets: [{ webhook_id: '8PT597110X687430LKGECATA' }, { webhook_id: '1AB234567C890123DEFGHIJK' }],
    timestamped: true,
    sign: (t, _url, at) =>
      signPayPal({ id: `WH-${t.requestId}`, create_time: at.toISOString(), event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: t.providerId, status: 'COMPLETED', custom_id: t.requestId } }, '8PT597110X687430LKGECATA', at),
    changed: (org, t) => objectStatus('payment', t.providerId, 'completed')(org),
  },
  docuseal: {
    secrets: [{ webhook_secret: 'whsec_docuseal_orgA' }, { webhook_secret: 'whsec_docuseal_orgB' }],
    timestamped: true,
    sign: (t, _url, at) => signDocuSeal({ event_type: 'submission.completed', timestamp: at.toISOString(), data: { id: numeric(t), status: 'completed', submitters: [{ id: 5, external_id: t.requestId }] } }, 'whsec_docuseal_orgA', at),
    changed: (org, t) => objectStatus('signing', String(numeric(t)), 'completed')(org),
  },
  zoom: {
    secrets: [{ webhook_secret_token: 'zoomTokenOrgA_123' }, { webhook_secret_token: 'zoomTokenOrgB_456' }],
    timestamped: true,
    sign: (t, _url, at) => signZoom({ event: 'meeting.started', event_ts: at.getTime(), payload: { account_id: 'acc', object: { id: numeric(t), uuid: t.requestId, topic: 'Demo' } } }, 'zoomTokenOrgA_123', at),
    changed: (org, t) => objectStatus('meeting', String(numeric(t)), 'started')(org),
  },
};

const orgs: Record<string, [FreshOrganization, FreshOrganization]> = {};
const tokens: Record<string, [string, string]> = {};

beforeAll(async () => {
  const good = providerCases(env.sim);
  for (const [type, c] of Object.entries(cases)) {
    const pair = [await freshOrganization(db.owner, { members: ['admin'] }), await freshOrganization(db.owner, { members: ['admin'] })] as [FreshOrganization, FreshOrganization];
    for (const [i, org] of pair.entries()) {
      const credentials = { ...(good[type]!.good as Record<string, string>), ...c.secrets[i] };
      await saveIntegration(org.member('admin').actor, type, { display_name: type, credentials, save_unverified: true });
    }
    orgs[type] = pair;
    tokens[type] = [
      await withElevated('webhooks.receive', (tx) => currentReceiver(tx, pair[0].id, type)),
      await withElevated('webhooks.receive', (tx) => currentReceiver(tx, pair[1].id, type)),
    ];
  }
});

async function target(org: FreshOrganization, type: string, channel: Case['channel']): Promise<Target> {
  const providerId = randomBytes(8).toString('hex');
  if (!channel) return { requestId: randomUUID(), providerId };
  const { rows } = await db.owner.query<{ id: string }>(
    `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_label, provider_message_id, sent_at)
     values ($1, $2, $3, $4, 'sent', 'ana@example.com', 'test', $5, now()) returning id`,
    [org.id, channel, channel === 'email' ? 'email' : 'text', type, providerId],
  );
  return { requestId: rows[0]!.id, providerId };
}

function post(type: string, token: string, signed: SignedCallback, requestId: string) {
  const url = signed.url ?? `${receiverUrl(type, token)}?r=${requestId}`;
  const path = new URL(url);
  const req = new NextRequest(`http://portal.test${path.pathname}${path.search}`, { method: 'POST', body: signed.body, headers: signed.headers });
  return callbackRoute.POST(req, { params: Promise.resolve({ type, id: token }) });
}

async function applyAll(org: FreshOrganization): Promise<number> {
  const { rows } = await db.owner.query<{ id: string }>(`select id::text from webhook_deliveries_in where organization_id = $1 and outcome = 'queued'`, [org.id]);
  for (const r of rows) await applyDelivery(r.id);
  return rows.length;
}

describe.each(Object.keys(cases))('%s callbacks', (type) => {
  const c = cases[type]!;
  const signedFor = (t: Target, token: string, at = new Date()) => c.sign(t, `${receiverUrl(type, token)}?r=${t.requestId}`, at);

  it('a signed delivery changes the right row, once; its replay is dropped', async () => {
    const [a] = orgs[type]!;
    const t = await target(a, type, c.channel);
    const signed = signedFor(t, tokens[type]![0]);
    expect((await post(type, tokens[type]![0], signed, t.requestId)).status).toBe(200);
    expect(await applyAll(a)).toBe(1);
    expect(await c.changed(a, t)).toBe(true);
    const replay = await post(type, tokens[type]![0], signed, t.requestId);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(await applyAll(a)).toBe(0);
  });

  it('a flipped byte, an old timestamp and another organization’s URL are refused and change nothing', async () => {
    const [a, b] = orgs[type]!;
    const t = await target(a, type, c.channel);
    const signed = signedFor(t, tokens[type]![0]);
    // One letter's case flipped: still well-formed, no longer what was signed.
    const flippedBody = signed.body.replace(/[a-z](?=[^a-z]*$)/, (ch) => ch.toUpperCase());
    expect((await post(type, tokens[type]![0], { ...signed, body: flippedBody }, t.requestId)).status).toBe(401);
    if (c.timestamped) expect((await post(type, tokens[type]![0], signedFor(t, tokens[type]![0], MINUTES_AGO(10)), t.requestId)).status).toBe(401);
    // A's delivery sent to B's URL: B's secret does not verify it (for Twilio the URL is signed too).
    expect((await post(type, tokens[type]![1], signedFor(t, tokens[type]![1]), t.requestId)).status).toBe(401);
    await applyAll(a);
    await applyAll(b);
    expect(await c.changed(a, t)).toBe(false);
    expect(await c.changed(b, t)).toBe(false);
  });
});
