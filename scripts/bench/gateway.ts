// The gateway under load: 10,000 sends through the API at 10 connections to an instant simulator
// (accept rate against the bare /api/health in the same run, enqueue latency), the job runner's drain
// rate end to end with the providers' limits lifted, and one Meta number held to its 80 messages a
// second with them on. The runner is a child process (`npm run worker`), so its memory is its own.
import { createHash, randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { sealCredentials } from '@/lib/crypto/keyring';
import { root } from '../lib/local-env';
import { BENCH_META_APP_SECRET } from './callbacks';
import { killChild } from '../lib/processes';
import { ms, percentiles } from './stats';

const N = Number(process.env.BENCH_SENDS ?? 10_000);
const META_N = Number(process.env.BENCH_META_SENDS ?? 800);
export const CONCURRENCY = 10;

/** The n-th distinct test number that carries none of the simulator's behaviour markers (401, 429, 500, slow, dup). */
function plainNumber(n: number): string {
  const digits = (n + 10_000).toString(5).replace(/[0-4]/g, (d) => '23678'[Number(d)]!);
  return `+1650${digits.padStart(7, '2').slice(-7)}`;
}

/** Acme and one of its admins: the organization every benchmark section acts for. */
export async function organization(owner: pg.Client): Promise<{ org: string; admin: string }> {
  const r = await owner.query<{ org: string; admin: string }>(
    `select o.id as org, u.id as admin from organizations o join memberships m on m.org_id = o.id and m.role = 'admin'
       join users u on u.id = m.user_id where o.slug = 'acme' limit 1`,
  );
  return r.rows[0]!;
}

/** Saves an integration's credentials for the organization, sealed with the bench key, verified. */
export async function saveSealed(owner: pg.Client, org: string, admin: string, type: string, values: Record<string, string>): Promise<void> {
  const sealed = sealCredentials({ orgId: org, integrationType: type }, values);
  await owner.query(
    `insert into integration_credentials (organization_id, integration_type, credentials_encrypted, key_id, display_name, is_active, is_verified, last_verified_at, created_by)
     values ($1, $2, $3, $4, $2, true, true, now(), $5)
     on conflict (organization_id, integration_type) do update set credentials_encrypted = excluded.credentials_encrypted, key_id = excluded.key_id,
       is_active = true, is_verified = true, last_test_ok = null, last_test_code = null`,
    [org, type, sealed.envelope, sealed.kid, admin],
  );
}

/** Acme sends SMS through Twilio and WhatsApp through Meta, both saved (sealed with the bench key) and pointed at the simulator. */
export async function seedGateway(owner: pg.Client): Promise<{ token: string }> {
  const { org, admin } = await organization(owner);
  const save = (type: string, values: Record<string, string>) => saveSealed(owner, org, admin, type, values);
  const hex = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
  await save('twilio', { account_sid: `AC${hex('bench-sid')}`, auth_token: hex('bench-token'), sms_number: '+14155550100', whatsapp_number: 'whatsapp:+14155238886' });
  await save('meta_whatsapp', { waba_id: '102290129340398', phone_number_id: '106540352242922', access_token: 'EAAsimulatorBenchToken0001', app_secret: BENCH_META_APP_SECRET });
  await owner.query(
    `insert into channel_routes (organization_id, channel, primary_type) values ($1, 'sms', 'twilio'), ($1, 'whatsapp', 'meta_whatsapp')
     on conflict (organization_id, channel) do update set primary_type = excluded.primary_type, fallback_type = null`,
    [org],
  );
  const token = `sbt_${randomBytes(32).toString('base64url')}`;
  await owner.query(
    `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by, scopes)
     values ($1, 'gateway bench', $2, $3, 'admin', $4, array['messages:send', 'requests:read'])`,
    [org, token.slice(0, 12), createHash('sha256').update(token).digest('hex'), admin],
  );
  return { token };
}

/** Calls `call` `total` times over CONCURRENCY connections, each answer expected to have status `expected`. */
export async function load(call: (i: number) => Promise<Response>, total: number, expected: number, concurrency = CONCURRENCY): Promise<{ rps: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const t = performance.now();
      const res = await call(i);
      await res.arrayBuffer();
      if (res.status !== expected) throw new Error(`answered ${res.status}`);
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rps: total / ((performance.now() - started) / 1000), latencies };
}

function startWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts'], { cwd: root, env, stdio: 'ignore' });
}

const peakMiB = (pid: number | undefined) => {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
};

/** Waits until every request of the run has left the queue; the drain rate over that time. */
async function drain(owner: pg.Client, channel: string, since: Date, total: number, worker: ChildProcess) {
  const started = performance.now();
  let peak = 0;
  for (;;) {
    const r = await owner.query<{ open: number; sent: number }>(
      `select count(*) filter (where status in ('queued', 'sending'))::int as open, count(*) filter (where status = 'sent')::int as sent
         from outbound_requests where channel = $1 and created_at >= $2`,
      [channel, since],
    );
    peak = Math.max(peak, peakMiB(worker.pid) || 0);
    const { open, sent } = r.rows[0]!;
    if (open === 0 || performance.now() - started > 600_000) return { seconds: (performance.now() - started) / 1000, sent, peak };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function benchGateway(base: string, owner: pg.Client, token: string, simulatorEnv: Record<string, string>): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const send = (i: number) =>
    fetch(`${base}/api/v1/integrations/sms/send`, { method: 'POST', headers, body: JSON.stringify({ phoneNumber: plainNumber(i), message: `Bench ${i}` }) });
  const bare = () => fetch(`${base}/api/health`);

  await load(send, 200, 202); // warm up
  await load(bare, 200, 200);
  const since = new Date();
  const accepted = await load(send, N, 202);
  const health = await load(bare, Math.min(N, 5000), 200);
  const e = percentiles(accepted.latencies);
  console.log(
    `POST /api/v1/integrations/sms/send (token, c=${CONCURRENCY})`.padEnd(48) +
      ` ${accepted.rps.toFixed(0).padStart(6)} req/s  enqueue p50 ${ms(e.p50)} p95 ${ms(e.p95)}  | /api/health ${health.rps.toFixed(0)} req/s | ratio ${(accepted.rps / health.rps).toFixed(2)}x (target ≥ 0.5)`,
  );

  const env = { ...process.env, ...simulatorEnv, LOG_LEVEL: 'warn', JOB_CONCURRENCY: '25' };
  let worker = startWorker({ ...env, OUTBOUND_LIMITS: 'off' });
  try {
    const run = await drain(owner, 'sms', new Date(since.getTime() - 60_000), N + 200, worker);
    console.log(
      `Drain: ${run.sent.toLocaleString('en')} SMS sent by one runner (limits lifted)`.padEnd(48) +
        ` ${(run.sent / run.seconds).toFixed(0).padStart(6)} msg/s over ${run.seconds.toFixed(1)} s (target ≥ 200)  | runner peak RSS ${run.peak.toFixed(0)} MiB`,
    );
  } finally {
    await killChild(worker);
  }

  // One Meta number: every send waits for the 80-a-second window, whatever the queue holds.
  const metaSince = new Date();
  const wa = (i: number) =>
    fetch(`${base}/api/v1/integrations/whatsapp/send`, { method: 'POST', headers, body: JSON.stringify({ to: plainNumber(i), message: `Bench ${i}` }) });
  await load(wa, META_N, 202);
  worker = startWorker(env);
  try {
    const run = await drain(owner, 'whatsapp', metaSince, META_N, worker);
    const perSecond = await owner.query<{ peak: number }>(
      `select coalesce(max(n), 0)::int as peak from (select count(*) as n from outbound_attempts a join outbound_requests r on r.id = a.request_id
         where r.channel = 'whatsapp' and r.created_at >= $1 and a.outcome = 'accepted' group by date_trunc('second', a.started_at)) s`,
      [metaSince],
    );
    console.log(
      `Drain: ${run.sent.toLocaleString('en')} WhatsApp through one Meta number`.padEnd(48) +
        ` ${(run.sent / run.seconds).toFixed(0).padStart(6)} msg/s over ${run.seconds.toFixed(1)} s  | busiest second ${perSecond.rows[0]!.peak} (limit 80)`,
    );
  } finally {
    await killChild(worker);
  }
}
