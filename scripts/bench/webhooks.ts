// Outbound webhooks under load: BENCH_WEBHOOK_ENDPOINTS endpoints (default 20) of one organization,
// each subscribed to payment.*, pointed at the simulator's instant receiver; BENCH_WEBHOOK_EVENTS
// events (default 500) emitted in bulk, then delivered by one job runner (`npm run worker`, 25 jobs at
// a time). Each endpoint receives one delivery at a time, so the rate is bounded by the endpoints too.
import { spawn } from 'node:child_process';
import type pg from 'pg';
import { withElevated } from '@/lib/db/rls';
import { emitEvent } from '@/lib/webhooks/outbound/emit';
import { sealSecret, newSigningSecret } from '@/lib/webhooks/outbound/secret';
import { root } from '../lib/local-env';
import { killChild } from '../lib/processes';
import { ms, percentiles } from './stats';

const ENDPOINTS = Number(process.env.BENCH_WEBHOOK_ENDPOINTS ?? 20);
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 500);

export async function benchWebhooks(owner: pg.Client, receiverBase: string, simulatorEnv: Record<string, string>): Promise<void> {
  const org = (await owner.query<{ id: string }>(`select id from organizations where slug = 'acme'`)).rows[0]!.id;
  for (let i = 0; i < ENDPOINTS; i++) {
    const id = (await owner.query<{ id: string }>(`select gen_random_uuid() as id`)).rows[0]!.id;
    const sealed = sealSecret(org, id, newSigningSecret());
    await owner.query(
      `insert into webhook_endpoints (id, organization_id, url, event_types, secret_sealed, secret_hint, key_id) values ($1, $2, $3, '{payment.*}', $4, $5, $6)`,
      [id, org, `${receiverBase}/_receiver/bench-${i}`, sealed.sealed, sealed.hint, sealed.kid],
    );
  }
  const since = new Date();
  const emitStarted = performance.now();
  for (let i = 0; i < EVENTS; i += 50) {
    await withElevated('webhooks.outbound', async (tx) => {
      for (let j = i; j < Math.min(i + 50, EVENTS); j++) await emitEvent(tx, org, 'payment.succeeded', { id: `pay_${j}`, amount: 1000 + j });
    });
  }
  const total = ENDPOINTS * EVENTS;
  const emitSeconds = (performance.now() - emitStarted) / 1000;
  console.log(`Emit: ${EVENTS} events to ${ENDPOINTS} endpoints`.padEnd(48) + ` ${(EVENTS / emitSeconds).toFixed(0).padStart(6)} events/s (${total.toLocaleString('en')} deliveries queued)`);

  const env = { ...process.env, ...simulatorEnv, LOG_LEVEL: 'warn', JOB_CONCURRENCY: '25' };
  const worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts'], { cwd: root, env, stdio: 'ignore' });
  try {
    const started = performance.now();
    let done = 0;
    for (;;) {
      const r = await owner.query<{ open: number; ok: number }>(
        `select count(*) filter (where status in ('pending', 'retrying'))::int as open, count(*) filter (where status = 'succeeded')::int as ok
           from webhook_deliveries where organization_id = $1 and created_at >= $2`,
        [org, since],
      );
      done = r.rows[0]!.ok;
      if (r.rows[0]!.open === 0 || performance.now() - started > 600_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const latencies = await owner.query<{ latency_ms: number }>(
      `select a.latency_ms from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.organization_id = $1 and d.created_at >= $2`,
      [org, since],
    );
    const p = percentiles(latencies.rows.map((l) => l.latency_ms));
    console.log(
      `Deliver: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} delivered by one runner`.padEnd(48) +
        ` ${(done / seconds).toFixed(0).padStart(6)} deliveries/s over ${seconds.toFixed(1)} s  | POST p50 ${ms(p.p50)} p95 ${ms(p.p95)}`,
    );
  } finally {
    await killChild(worker);
  }
}
