// Provider callbacks under load, against `next start`: Meta status callbacks (each signed with the app
// secret, each about a request of its own) posted by 10 connections, beside GET /api/health in the
// same run; the answer time while 10,000 deliveries wait in the queue; then one job runner applies
// them, and the time from a callback's arrival to its status on the request is measured.
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { root } from '../lib/local-env';
import { killChild } from '../lib/processes';
import { throughput } from './integrations';
import { ms, percentiles } from './stats';

const CONNECTIONS = 10;
const QUEUED = Number(process.env.BENCH_CALLBACKS_QUEUED ?? 10_000);

/** The app secret the gateway bench saves on Acme's Meta integration. */
export const BENCH_META_APP_SECRET = createHash('sha256').update('bench-app-secret').digest('hex').slice(0, 32);

export async function benchCallbacks(base: string, owner: pg.Client, simulatorEnv: Record<string, string>): Promise<void> {
  const org = (await owner.query<{ id: string }>(`select id from organizations where slug = 'acme'`)).rows[0]!.id;
  const token = randomBytes(32).toString('base64url');
  await owner.query(`update webhook_receivers set retired_at = now(), expires_at = now() where organization_id = $1 and integration_type = 'meta_whatsapp' and retired_at is null`, [org]);
  await owner.query(`insert into webhook_receivers (organization_id, integration_type, token, token_hash) values ($1, 'meta_whatsapp', $2, $3)`, [
    org,
    token,
    createHash('sha256').update(token).digest(),
  ]);
  const url = `${base}/api/webhooks/meta_whatsapp/${token}`;

  // Requests the callbacks are about: sent, waiting to hear they were delivered.
  const total = QUEUED + 20_000;
  const { rows } = await owner.query<{ id: string; wamid: string }>(
    `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_label, source, provider_message_id, sent_at)
     select $1, 'whatsapp', 'text', 'meta_whatsapp', 'sent', '+16505550100', 'bench', 'api', 'wamid.bench' || g, now()
       from generate_series(1, $2) g
     returning id, provider_message_id as wamid`,
    [org, total],
  );
  let next = 0;
  const callback = () => {
    const r = rows[next++ % rows.length]!;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'bench', changes: [{ field: 'messages', value: { statuses: [{ id: r.wamid, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '16505550100', biz_opaque_callback_data: r.id }] } }] }],
    });
    const signature = `sha256=${createHmac('sha256', BENCH_META_APP_SECRET).update(body).digest('hex')}`;
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
  };
  const health = () => fetch(`${base}/api/health`);
  const seconds = Number(process.env.BENCH_RPS_SECONDS ?? 10);

  await throughput(callback, CONNECTIONS, 1); // warm up
  const verified = await throughput(callback, CONNECTIONS, seconds);
  const bare = await throughput(health, CONNECTIONS, seconds);
  const v = percentiles(verified.latencies);
  console.log(
    `POST /api/webhooks/meta_whatsapp (signed, c=${CONNECTIONS})`.padEnd(48) +
      ` ${verified.rps.toFixed(0).padStart(6)} events/s  p50 ${ms(v.p50)} p95 ${ms(v.p95)}  | /api/health ${bare.rps.toFixed(0)} req/s | ratio ${(verified.rps / bare.rps).toFixed(2)}x (target ≥ 0.5)`,
  );

  // A refused signature and an unknown id should cost the same, so timing does not reveal which ids exist.
  const refused = (id: string) => () => fetch(`${base}/api/webhooks/meta_whatsapp/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body: '{"object":"whatsapp_business_account","entry":[]}' });
  const sample = async (call: () => Promise<Response>, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await (await call()).arrayBuffer();
      out.push(performance.now() - t);
    }
    return percentiles(out);
  };
  await sample(refused('A'.repeat(43)), 20);
  const badSignature = await sample(refused(token), 200);
  const unknownId = await sample(refused('A'.repeat(43)), 200);
  console.log(`  … 401 bad signature vs 404 unknown id (200 each)`.padEnd(48) + `        p50 ${ms(badSignature.p50)} vs ${ms(unknownId.p50)}, p95 ${ms(badSignature.p95)} vs ${ms(unknownId.p95)}`);

  // Fill the queue (nothing applies it yet), then measure the answer with all of it waiting.
  const waiting = async () => (await owner.query<{ n: number }>(`select count(*)::int as n from webhook_deliveries_in where organization_id = $1 and outcome = 'queued'`, [org])).rows[0]!.n;
  while ((await waiting()) < QUEUED) await throughput(callback, CONNECTIONS, 1);
  const underLoad = percentiles((await throughput(callback, CONNECTIONS, Math.max(2, seconds / 2))).latencies);
  console.log(
    `  … with ${(await waiting()).toLocaleString('en')} deliveries queued`.padEnd(48) + `        answer p50 ${ms(underLoad.p50)} p95 ${ms(underLoad.p95)}`,
  );

  // One runner applies the backlog; then callbacks at a steady 20 a second measure arrival → status.
  const env = { ...process.env, ...simulatorEnv, LOG_LEVEL: 'warn', JOB_CONCURRENCY: '25' };
  const worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts'], { cwd: root, env, stdio: 'ignore' });
  try {
    const backlog = await waiting();
    const started = performance.now();
    while ((await waiting()) > 0 && performance.now() - started < 600_000) await new Promise((r) => setTimeout(r, 200));
    const drained = (performance.now() - started) / 1000;
    console.log(`Apply: ${backlog.toLocaleString('en')} queued deliveries by one runner`.padEnd(48) + ` ${(backlog / drained).toFixed(0).padStart(6)} events/s over ${drained.toFixed(1)} s`);

    const since = new Date();
    for (let i = 0; i < 200; i++) {
      await (await callback()).arrayBuffer();
      await new Promise((r) => setTimeout(r, 50));
    }
    while ((await waiting()) > 0 && performance.now() - started < 660_000) await new Promise((r) => setTimeout(r, 100));
    const lag = await owner.query<{ ms: number }>(
      `select extract(epoch from (applied_at - received_at)) * 1000 as ms from webhook_deliveries_in
        where organization_id = $1 and received_at >= $2 and outcome = 'applied'`,
      [org, since],
    );
    const p = percentiles(lag.rows.map((l) => Number(l.ms)));
    console.log(`Callback → status on the request (20/s, 200)`.padEnd(48) + `        p50 ${ms(p.p50)} p95 ${ms(p.p95)}`);
  } finally {
    await killChild(worker);
  }
}
