// Integrations: sealing and opening credentials, the integrations page, and the list API's throughput
// (with an API token) against the bare /api/health handler under the same load.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { open, parseKeyring, seal } from '@/lib/crypto/envelope';
import { ms, percentiles } from './stats';

export function benchEnvelope(iterations: number): void {
  const keyring = parseKeyring(process.env.INTEGRATIONS_ENCRYPTION_KEYS!);
  const ctx = { orgId: '00000000-0000-4000-8000-000000000001', integrationType: 'exotel_phone' };
  const plaintext = JSON.stringify({ account_sid: 'acme', api_key: randomBytes(16).toString('hex'), api_token: randomBytes(24).toString('hex'), region: 'in', virtual_number: '01141169368' });
  for (let i = 0; i < 1000; i++) open(keyring, ctx, seal(keyring, ctx, plaintext).envelope); // warm up
  const sealT: number[] = [];
  const openT: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const { envelope } = seal(keyring, ctx, plaintext);
    sealT.push(performance.now() - t);
    t = performance.now();
    open(keyring, ctx, envelope);
    openT.push(performance.now() - t);
  }
  for (const [label, samples] of [['seal (AES-256-GCM, fresh IV)', sealT], ['open (with AAD check)', openT]] as const) {
    const p = percentiles(samples);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    console.log(`${label.padEnd(48)} p50 ${(p.p50 * 1000).toFixed(1)} µs  p95 ${(p.p95 * 1000).toFixed(1)} µs  ≈ ${Math.round(1000 / mean).toLocaleString('en')} ops/s (${plaintext.length}-byte credentials)`);
  }
}

/** Acme gets a saved Exotel Phone row (sealed with the bench key) and an admin API token. */
export async function seedIntegrations(owner: pg.Client): Promise<{ token: string }> {
  const keyring = parseKeyring(process.env.INTEGRATIONS_ENCRYPTION_KEYS!);
  const { rows } = await owner.query<{ org: string; admin: string }>(
    `select o.id as org, u.id as admin from organizations o join memberships m on m.org_id = o.id join users u on u.id = m.user_id
      where o.slug = 'acme' and u.email = 'admin@acme.example'`,
  );
  const { org, admin } = rows[0]!;
  const values = { account_sid: 'acme', api_key: 'bench-key-123456', api_token: 'bench-token-abcdef', region: 'in', virtual_number: '01141169368' };
  const { envelope, kid } = seal(keyring, { orgId: org, integrationType: 'exotel_phone' }, JSON.stringify(values));
  await owner.query(
    `insert into integration_credentials (organization_id, integration_type, credentials_encrypted, key_id, secret_hints, display_name, is_verified, last_verified_at, last_tested_at, last_test_ok, created_by)
     values ($1, 'exotel_phone', $2, $3, '{"api_key":"••••3456","api_token":"••••cdef"}', 'Main line', true, now(), now(), true, $4)
     on conflict (organization_id, integration_type) do nothing`,
    [org, envelope, kid, admin],
  );
  const token = `sbt_${randomBytes(32).toString('base64url')}`;
  await owner.query(
    `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by) values ($1, 'bench', $2, $3, 'admin', $4)`,
    [org, token.slice(0, 12), createHash('sha256').update(token).digest('hex'), admin],
  );
  return { token };
}

/** Requests per second with `concurrency` requests in flight for `seconds`. */
export async function throughput(get: () => Promise<Response>, concurrency: number, seconds: number): Promise<{ rps: number; latencies: number[] }> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      const res = await get();
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rps: latencies.length / ((performance.now() - started) / 1000), latencies };
}

export async function benchListApi(base: string, token: string, seconds: number): Promise<void> {
  const list = () => fetch(`${base}/api/v1/settings/integrations`, { headers: { authorization: `Bearer ${token}` } });
  const bare = () => fetch(`${base}/api/health`);
  await throughput(list, 8, 2); // warm up
  await throughput(bare, 8, 2);
  for (const concurrency of [1, 8]) {
    const a = await throughput(list, concurrency, seconds);
    const b = await throughput(bare, concurrency, seconds);
    const pa = percentiles(a.latencies);
    console.log(
      `GET /api/v1/settings/integrations (token, c=${concurrency})`.padEnd(48) +
        ` ${a.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(pa.p50)}  | /api/health ${b.rps.toFixed(0)} req/s | ratio ${(a.rps / b.rps).toFixed(2)}x`,
    );
  }
}
