import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { applyDelivery } from './apply';
import { callbackRoute } from './receive';
import { currentReceiver } from './receivers';

// The simulator's callbacks over real HTTP, to the real route (served here by a plain Node server),
// in each of the simulator's modes: as Meta sends them, with a bad signature, replayed, out of order
// and oversized. What reaches the request is only ever what a correct, new, in-order callback says.

const db = seededDatabase();
const env = simulatorForTests({ OUTBOUND_LIMITS: 'off' });
const HOLD = 'held-by-simulator-modes-test';
const APP_SECRET = 'c'.repeat(32);

let org: FreshOrganization;
let portal: Server;
let base = '';
let token = '';

beforeAll(async () => {
  org = await freshOrganization(db.owner, { members: ['admin'] });
  const meta = providerCases(env.sim).meta_whatsapp!.good as Record<string, string>;
  await saveIntegration(org.member('admin').actor, 'meta_whatsapp', { display_name: 'WhatsApp', credentials: { ...meta, app_secret: APP_SECRET }, save_unverified: false });
  token = await withElevated('webhooks.receive', (tx) => currentReceiver(tx, org.id, 'meta_whatsapp'));
  portal = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
      const answer = await callbackRoute.POST(new NextRequest(`http://portal.test${req.url}`, { method: 'POST', body: Buffer.concat(chunks), headers }), {
        params: Promise.resolve({ type: 'meta_whatsapp', id: token }),
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = $1 where locked_at is null`, [HOLD]);
});

afterAll(async () => {
  await fetch(`${env.sim.url}/_control/webhooks/meta`, { method: 'DELETE' });
  await new Promise((resolve) => portal?.close(resolve));
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = null, locked_by = null where locked_by = $1`, [HOLD]);
});

/** Sends one WhatsApp message with the simulator in `mode`, waits for its three callbacks, applies them. */
async function sendIn(mode: string, to: string) {
  const configured = await fetch(`${env.sim.url}/_control/webhooks/meta`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${base}/api/webhooks/meta_whatsapp/${token}`, secret: APP_SECRET, mode, delayMs: 5 }),
  });
  expect(configured.status).toBe(200);
  const before = ((await (await fetch(`${env.sim.url}/_control/webhooks/deliveries`)).json()) as unknown[]).length;
  const accepted = await acceptSend(org.member('admin').actor, whatsappRequest({ to, message: 'hello', language: 'en', variables: [] }), { key: null, body: {}, path: '/x' });
  const id = (accepted.body as { id: string }).id;
  await executeRequest(id);
  const expected = mode === 'replay' ? 6 : 3;
  await expect.poll(async () => ((await (await fetch(`${env.sim.url}/_control/webhooks/deliveries`)).json()) as unknown[]).length - before, { timeout: 5000 }).toBe(expected);
  const deliveries = ((await (await fetch(`${env.sim.url}/_control/webhooks/deliveries`)).json()) as { event: string; status: number | null }[]).slice(before);
  const { rows } = await db.owner.query<{ id: string }>(`select id::text from webhook_deliveries_in where organization_id = $1 and outcome = 'queued' order by webhook_deliveries_in.id`, [org.id]);
  for (const r of rows) await applyDelivery(r.id);
  const request = (await db.owner.query<{ status: string }>(`select status from outbound_requests where id = $1`, [id])).rows[0]!;
  return { answers: deliveries.map((d) => `${d.event} ${d.status}`), status: request.status };
}

describe('the simulator’s Meta callbacks, mode by mode', () => {
  it('as Meta sends them: sent, delivered, read, each accepted; the message ends read', async () => {
    expect(await sendIn('ok', '+14155550171')).toEqual({ answers: ['sent 200', 'delivered 200', 'read 200'], status: 'read' });
  });

  it('with a bad signature: every one refused, the message stays sent', async () => {
    expect(await sendIn('bad_signature', '+14155550172')).toEqual({ answers: ['sent 401', 'delivered 401', 'read 401'], status: 'sent' });
  });

  it('replayed: each repeat answered but dropped as a duplicate', async () => {
    const run = await sendIn('replay', '+14155550173');
    expect(run).toEqual({ answers: ['sent 200', 'sent 200', 'delivered 200', 'delivered 200', 'read 200', 'read 200'], status: 'read' });
    const duplicates = await db.owner.query(`select 1 from webhook_deliveries_in where organization_id = $1 and outcome = 'duplicate'`, [org.id]);
    expect(duplicates.rowCount).toBe(3);
  });

  it('out of order: read first, and the late sent and delivered do not move it back', async () => {
    expect(await sendIn('out_of_order', '+14155550174')).toEqual({ answers: ['read 200', 'delivered 200', 'sent 200'], status: 'read' });
  });

  it('oversized: refused with 413 before it is read', async () => {
    expect(await sendIn('oversized', '+14155550175')).toEqual({ answers: ['sent 413', 'delivered 413', 'read 413'], status: 'sent' });
  });
});
