// Operations while the caller waits: a Stripe payment intent and a Zoom meeting created through the
// portal (token, scope and grant checks, the request log before and after, the sealed answer) against
// the same call made straight to the simulator, and the health answer an uptime monitor polls
// against the bare /api/health, each in the same run.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { CONCURRENCY, load, organization, saveSealed } from './gateway';
import { ms, percentiles, report } from './stats';

const N = Number(process.env.BENCH_OPERATIONS ?? 300);
const STRIPE_KEY = 'sk_test_benchOperations01';
const ZOOM = { account_id: 'benchAccount_1', client_id: 'benchClient01', client_secret: 'benchSecretGood01' };

/** Acme takes payments through Stripe and books meetings through Zoom, both pointed at the simulator. */
export async function seedOperations(owner: pg.Client): Promise<{ token: string }> {
  const { org, admin } = await organization(owner);
  await saveSealed(owner, org, admin, 'stripe', { secret_key: STRIPE_KEY });
  await saveSealed(owner, org, admin, 'zoom', ZOOM);
  const token = `sbt_${randomBytes(32).toString('base64url')}`;
  await owner.query(
    `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by, scopes)
     values ($1, 'operations bench', $2, $3, 'admin', $4, array['payments:write', 'meetings:write', 'settings:read'])`,
    [org, token.slice(0, 12), createHash('sha256').update(token).digest('hex'), admin],
  );
  return { token };
}

async function zoomToken(simulator: string): Promise<string> {
  const res = await fetch(`${simulator}/zoom/oauth/oauth/token?grant_type=account_credentials&account_id=${ZOOM.account_id}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${ZOOM.client_id}:${ZOOM.client_secret}`).toString('base64')}` },
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function benchOperations(base: string, simulator: string, token: string): Promise<void> {
  const portal = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const intent = (i: number) => fetch(`${base}/api/v1/integrations/payments/stripe/intent`, { method: 'POST', headers: portal, body: JSON.stringify({ amount: '99.99', currency: 'USD', description: `Bench ${i}` }) });
  const direct = (i: number) =>
    fetch(`${simulator}/stripe/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STRIPE_KEY}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `bench-${i}-${randomBytes(6).toString('hex')}` },
      body: new URLSearchParams({ amount: '9999', currency: 'usd', description: `Bench ${i}`, 'automatic_payment_methods[enabled]': 'true' }).toString(),
    });
  await load(intent, 50, 200); // warm up
  await load(direct, 50, 200);
  const viaPortal = await load(intent, N, 200);
  const straight = await load(direct, N, 200);
  report(`POST …/payments/stripe/intent (token, c=${CONCURRENCY})`, viaPortal.latencies, straight.latencies, 'simulator direct');
  // One at a time: the portal's own cost per call (auth, grant, two transactions, the sealed log) without queueing.
  report('POST …/payments/stripe/intent (token, c=1)', (await load(intent, 100, 200, 1)).latencies, (await load(direct, 100, 200, 1)).latencies, 'simulator direct');
  console.log(`${''.padEnd(48)} ${viaPortal.rps.toFixed(0)} req/s through the portal vs ${straight.rps.toFixed(0)} req/s direct`);

  const zoomBearer = await zoomToken(simulator);
  const meeting = { topic: 'Bench meeting', startTime: '2030-02-15T10:00:00Z', duration: 30 };
  const create = () => fetch(`${base}/api/v1/integrations/zoom/create`, { method: 'POST', headers: portal, body: JSON.stringify(meeting) });
  const createDirect = () =>
    fetch(`${simulator}/zoom/api/v2/users/me/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${zoomBearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ topic: meeting.topic, type: 2, start_time: meeting.startTime, duration: meeting.duration }),
    });
  await load(create, 20, 200);
  const zoomPortal = await load(create, Math.min(N, 200), 200);
  const zoomDirect = await load(createDirect, Math.min(N, 200), 201);
  report(`POST …/zoom/create (token, c=${CONCURRENCY})`, zoomPortal.latencies, zoomDirect.latencies, 'simulator direct');

  const health = () => fetch(`${base}/api/v1/integrations/health`, { headers: { authorization: `Bearer ${token}` } });
  const bare = () => fetch(`${base}/api/health`);
  await load(health, 100, 200);
  await load(bare, 100, 200);
  const polled = await load(health, 1000, 200);
  const baseline = await load(bare, 1000, 200);
  const p = percentiles(polled.latencies);
  console.log(
    `GET /api/v1/integrations/health (token, c=${CONCURRENCY})`.padEnd(48) +
      ` ${polled.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(p.p50)} p95 ${ms(p.p95)}  | /api/health ${baseline.rps.toFixed(0)} req/s | ratio ${(polled.rps / baseline.rps).toFixed(2)}x`,
  );
}
