import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { withElevated } from '@/lib/db/rls';
import { acceptSend } from '@/lib/gateway/accept';
import { executeRequest } from '@/lib/gateway/execute';
import { whatsappRequest } from '@/lib/gateway/messages';
import { saveIntegration } from '@/lib/integrations/write';
import { applyDelivery, NotYetSent } from './apply';
import { currentReceiver } from './receivers';
import { callbackRoute } from './receive';
import { rotateWebhookUrl, webhookView } from './view';
import { createEndpoint } from '@/lib/webhooks/outbound/endpoints';

// Provider callbacks through the real route, database and job code: Meta's scheme stands for all
// (each provider's verifier has its own vectors beside it). What a delivery may change, and what a
// forged, replayed, misaddressed or oversized one may not.

const db = seededDatabase();
const env = simulatorForTests({ OUTBOUND_LIMITS: 'off', ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
const HOLD = 'held-by-inbound-test';
const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(32);

let orgA: FreshOrganization;
let orgB: FreshOrganization;
let tokenA: string;
let tokenB: string;

const sign = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function post(token: string, body: string, headers: Record<string, string> = {}, type = 'meta_whatsapp') {
  const req = new NextRequest(`http://portal.test/api/webhooks/${type}/${token}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return callbackRoute.POST(req, { params: Promise.resolve({ type, id: token }) });
}

const signedPost = (token: string, body: string, secret = SECRET_A) => post(token, body, { 'x-hub-signature-256': sign(body, secret) });

function statusBody(requestId: string, wamid: string, status: string, timestamp = Math.floor(Date.now() / 1000)) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { statuses: [{ id: wamid, status, timestamp: String(timestamp), recipient_id: '14155550199', biz_opaque_callback_data: requestId }] } }] }],
  });
}

const request = async (id: string) =>
  (await db.owner.query(`select status, delivered_at, read_at, error_code, provider_message_id from outbound_requests where id = $1`, [id])).rows[0] as {
    status: string;
    delivered_at: Date | null;
    read_at: Date | null;
    provider_message_id: string;
  };

/** Applies every queued delivery of the organization, as the job runner would. */
async function applyQueued(org: FreshOrganization) {
  const { rows } = await db.owner.query<{ id: string }>(`select id::text from webhook_deliveries_in where organization_id = $1 and outcome = 'queued' order by webhook_deliveries_in.id`, [org.id]);
  for (const r of rows) await applyDelivery(r.id);
  return rows.length;
}

async function sentMessage(org: FreshOrganization): Promise<{ id: string; wamid: string }> {
  const accepted = await acceptSend(org.member('admin').actor, whatsappRequest({ to: '+14155550199', message: 'hello', language: 'en', variables: [] }), {
    key: null,
    body: {},
    path: '/api/v1/integrations/whatsapp/send',
  });
  const id = (accepted.body as { id: string }).id;
  await executeRequest(id);
  const row = await request(id);
  expect(row.status).toBe('sent');
  return { id, wamid: row.provider_message_id };
}

beforeAll(async () => {
  const meta = providerCases(env.sim).meta_whatsapp!.good as Record<string, string>;
  orgA = await freshOrganization(db.owner, { members: ['admin'] });
  orgB = await freshOrganization(db.owner, { members: ['admin'] });
  for (const [org, secret] of [[orgA, SECRET_A], [orgB, SECRET_B]] as const) {
    await saveIntegration(org.member('admin').actor, 'meta_whatsapp', {
      display_name: 'WhatsApp',
      credentials: { ...meta, app_secret: secret, verify_token: `verify-${secret.slice(0, 4)}` },
      save_unverified: false,
    });
  }
  tokenA = await withElevated('webhooks.receive', (tx) => currentReceiver(tx, orgA.id, 'meta_whatsapp'));
  tokenB = await withElevated('webhooks.receive', (tx) => currentReceiver(tx, orgB.id, 'meta_whatsapp'));
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = $1 where locked_at is null`, [HOLD]);
});

afterAll(async () => {
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = null, locked_by = null where locked_by = $1`, [HOLD]);
});

describe('a verified delivery', () => {
  it('moves a message to delivered then read, queued as a job in the transaction that logged it', async () => {
    const { id, wamid } = await sentMessage(orgA);
    const res = await signedPost(tokenA, statusBody(id, wamid, 'delivered'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    const jobs = await db.owner.query(`select 1 from graphile_worker.jobs j join webhook_deliveries_in d on j.key = 'webhook-in:' || d.id where d.organization_id = $1`, [orgA.id]);
    expect(jobs.rowCount).toBe(1);
    expect(await applyQueued(orgA)).toBe(1);
    expect((await request(id)).status).toBe('delivered');

    await signedPost(tokenA, statusBody(id, wamid, 'read'));
    await applyQueued(orgA);
    const read = await request(id);
    expect(read.status).toBe('read');
    expect(read.delivered_at).not.toBeNull();
    expect(read.read_at).not.toBeNull();
  });

  it('tells the organization’s own endpoints what changed, once: delivered and read, not the repeats', async () => {
    await createEndpoint(orgA.member('admin').actor, { url: `${env.sim.url}/_receiver/inbound-test`, event_types: ['message.delivered', 'message.read'] });
    const { id, wamid } = await sentMessage(orgA);
    for (const status of ['delivered', 'delivered', 'read', 'delivered']) await signedPost(tokenA, statusBody(id, wamid, status, Math.floor(Date.now() / 1000) - (status === 'read' ? 0 : 1)));
    await applyQueued(orgA);
    const { rows } = await db.owner.query(`select type, data from webhook_events where organization_id = $1 and data->>'id' = $2 order by created_at`, [orgA.id, id]);
    expect(rows).toEqual([
      { type: 'message.delivered', data: { id, channel: 'whatsapp', integration: 'meta_whatsapp', status: 'delivered', providerMessageId: wamid } },
      { type: 'message.read', data: { id, channel: 'whatsapp', integration: 'meta_whatsapp', status: 'read', providerMessageId: wamid } },
    ]);
  });

  it('never moves a status backwards: a late delivered or failed after read changes nothing', async () => {
    const { id, wamid } = await sentMessage(orgA);
    await signedPost(tokenA, statusBody(id, wamid, 'read'));
    await signedPost(tokenA, statusBody(id, wamid, 'delivered', Math.floor(Date.now() / 1000) - 5));
    await signedPost(tokenA, statusBody(id, wamid, 'failed', Math.floor(Date.now() / 1000) - 4));
    await applyQueued(orgA);
    expect((await request(id)).status).toBe('read');
  });

  it('drops a replay of a delivery already received', async () => {
    const { id, wamid } = await sentMessage(orgA);
    const body = statusBody(id, wamid, 'delivered');
    expect((await signedPost(tokenA, body)).status).toBe(200);
    const again = await signedPost(tokenA, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect(await applyQueued(orgA)).toBe(1);
  });

  it('waits (the job retries) while its request is still being sent', async () => {
    const accepted = await acceptSend(orgA.member('admin').actor, whatsappRequest({ to: '+14155550198', message: 'x', language: 'en', variables: [] }), {
      key: null,
      body: {},
      path: '/api/v1/integrations/whatsapp/send',
    });
    const id = (accepted.body as { id: string }).id;
    await signedPost(tokenA, statusBody(id, 'wamid.early', 'sent'));
    const { rows } = await db.owner.query<{ id: string }>(`select id::text from webhook_deliveries_in where organization_id = $1 and outcome = 'queued'`, [orgA.id]);
    await expect(applyDelivery(rows[0]!.id)).rejects.toBeInstanceOf(NotYetSent);
    expect((await request(id)).status).toBe('queued');
    await executeRequest(id);
    await applyDelivery(rows[0]!.id);
    expect((await request(id)).status).toBe('sent');
  });

  it('reads only this integration’s account: another account’s events on a shared Meta app are answered and ignored', async () => {
    const other = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '999000111', changes: [{ field: 'message_template_status_update', value: { event: 'REJECTED', message_template_name: 'theirs' } }] }],
    });
    expect((await signedPost(tokenA, other)).status).toBe(200);
    const { id, wamid } = await sentMessage(orgA);
    const elsewhere = JSON.parse(statusBody(id, wamid, 'read')) as { entry: { changes: { value: Record<string, unknown> }[] }[] };
    elsewhere.entry[0]!.changes[0]!.value.metadata = { phone_number_id: '999000222' };
    expect((await signedPost(tokenA, JSON.stringify(elsewhere))).status).toBe(200);
    await applyQueued(orgA);
    expect((await request(id)).status).toBe('sent');
    const { rows } = await db.owner.query(`select 1 from integration_account_events where organization_id = $1 and summary like '%theirs%'`, [orgA.id]);
    expect(rows).toEqual([]);
  });

  it('records Meta account events on the integration', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'order_ready', message_template_language: 'en_US', reason: 'NONE' } }] }],
    });
    expect((await signedPost(tokenA, body)).status).toBe(200);
    await applyQueued(orgA);
    const { rows } = await db.owner.query(`select topic, summary from integration_account_events where organization_id = $1`, [orgA.id]);
    expect(rows).toEqual([{ topic: 'template_status', summary: 'Template order_ready (en_US) is now approved.' }]);
  });
});

describe('what is refused and changes nothing', () => {
  it('refuses a flipped byte, a wrong secret and a missing signature with 401, logs them and audits once', async () => {
    const { id, wamid } = await sentMessage(orgA);
    const body = statusBody(id, wamid, 'delivered');
    const flipped = body.replace('delivered', 'delivereD');
    expect((await post(tokenA, flipped, { 'x-hub-signature-256': sign(body, SECRET_A) })).status).toBe(401);
    expect((await signedPost(tokenA, body, SECRET_B)).status).toBe(401);
    const missing = await post(tokenA, body);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 'bad_signature', message: 'The delivery carried no signature.' } });
    expect((await request(id)).status).toBe('sent');
    const rejected = await db.owner.query(`select detail from webhook_deliveries_in where organization_id = $1 and outcome = 'rejected'`, [orgA.id]);
    expect(rejected.rowCount).toBe(3);
    const audits = await db.owner.query(`select metadata from integration_audit_logs where org_id = $1 and action = 'webhook.rejected'`, [orgA.id]);
    expect(audits.rows).toEqual([{ metadata: { reason: 'bad_signature' } }]);
  });

  it('never lets one organization’s callback touch another’s request', async () => {
    const { id, wamid } = await sentMessage(orgA);
    // Signed by B (its own secret, its own URL), naming A's request: B has no such request.
    await signedPost(tokenB, statusBody(id, wamid, 'delivered'), SECRET_B);
    await applyQueued(orgB);
    expect((await request(id)).status).toBe('sent');
    // A's genuine delivery sent to B's URL: B's secret does not verify it.
    expect((await signedPost(tokenB, statusBody(id, wamid, 'read'), SECRET_A)).status).toBe(401);
    expect((await request(id)).status).toBe('sent');
  });

  it('answers 404 for unknown, malformed and wrong-type ids', async () => {
    const body = statusBody('x', 'y', 'sent');
    expect((await signedPost('A'.repeat(43), body)).status).toBe(404);
    expect((await signedPost('short', body)).status).toBe(404);
    expect((await post(tokenA, body, { 'x-hub-signature-256': sign(body, SECRET_A) }, 'stripe')).status).toBe(404);
    expect((await post(tokenA, body, {}, 'no_such_provider')).status).toBe(404);
  });

  it('refuses bodies over 256 KB with 413', async () => {
    const big = JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(300_000) });
    const res = await signedPost(tokenA, big);
    expect(res.status).toBe(413);
  });
});

describe('the URL', () => {
  it('answers Meta’s subscription check only with the saved verify token', async () => {
    const check = (token: string) =>
      callbackRoute.GET(new NextRequest(`http://portal.test/api/webhooks/meta_whatsapp/${tokenA}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`), {
        params: Promise.resolve({ type: 'meta_whatsapp', id: tokenA }),
      });
    const ok = await check(`verify-${SECRET_A.slice(0, 4)}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await check('guess')).status).toBe(403);
  });

  it('counts the environment’s secrets as saved only for an organization that uses the environment’s credentials', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const meta = providerCases(env.sim).meta_whatsapp!.good as Record<string, string>;
    await saveIntegration(org.member('admin').actor, 'meta_whatsapp', { display_name: 'WhatsApp', credentials: meta, save_unverified: false });
    process.env.WHATSAPP_APP_SECRET = 'e'.repeat(32);
    try {
      const saved = await webhookView(org.member('admin').actor, 'meta_whatsapp', []);
      expect(saved.secrets.map((s) => s.saved)).toEqual([false, false]);
      const fromEnvironment = await webhookView(org.member('admin').actor, 'meta_whatsapp', null);
      expect(fromEnvironment.secrets.map((s) => s.saved)).toEqual([true, false]);
      expect(saved.signed).toBe(true);
    } finally {
      delete process.env.WHATSAPP_APP_SECRET;
    }
  });

  it('keeps a rotated id working for its grace period, then refuses it', async () => {
    await rotateWebhookUrl(orgA.member('admin').actor, 'meta_whatsapp');
    const fresh = await withElevated('webhooks.receive', (tx) => currentReceiver(tx, orgA.id, 'meta_whatsapp'));
    expect(fresh).not.toBe(tokenA);
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    expect((await signedPost(tokenA, body)).status).toBe(200);
    expect((await signedPost(fresh, body)).status).toBe(200);
    await db.owner.query(`update webhook_receivers set expires_at = now() - interval '1 second' where token = $1`, [tokenA]);
    expect((await signedPost(tokenA, body)).status).toBe(404);
    const audits = await db.owner.query(`select 1 from integration_audit_logs where org_id = $1 and action = 'webhook.url_rotated'`, [orgA.id]);
    expect(audits.rowCount).toBe(1);
  });
});
