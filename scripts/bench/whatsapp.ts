// WhatsApp endpoint benchmarks: the superadmin tenant list at 10,000 tenants, and how many health
// checks per minute the job runner keeps up with against the simulator, over real HTTP.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { startSimulator } from '../simulator/server';
import { ms, percentiles } from './stats';

/** Gives every organization an endpoint and a health state, without queueing checks (triggers off). */
export async function seedAssignments(owner: pg.Client) {
  await owner.query('begin');
  await owner.query(`set local session_replication_role = replica`);
  await owner.query(
    `insert into tenant_whatsapp_config (tenant_id, endpoint_name, health_status, last_health_check, alert_raised_at)
     select id, (array['Primary','Secondary','Backup'])[1 + (abs(hashtext(slug)) % 3)],
            (array['healthy','healthy','healthy','degraded','unhealthy','unknown'])[1 + (abs(hashtext(name)) % 6)],
            now() - random() * interval '1 minute', null
       from organizations on conflict (tenant_id) do nothing`,
  );
  await owner.query('commit');
  await owner.query('analyze tenant_whatsapp_config');
}

export async function benchTenantList(owner: pg.Client, iterations: number) {
  const { withRls } = await import('@/lib/db/rls');
  const { searchTenants } = await import('@/lib/tenants/list');
  const superadmin = (await owner.query<{ id: string }>(`select id from users where is_superadmin limit 1`)).rows[0]!.id;
  const ctx = {
    user: { id: superadmin, email: 'superadmin@switchboard.example', name: 'Sam', isSuperadmin: true },
    memberships: [],
    active: null,
    db: <T>(fn: Parameters<typeof withRls<T>>[1]) => withRls({ userId: superadmin, orgId: null, orgRole: null, isSuperadmin: true }, fn),
  };
  const total = (await owner.query<{ n: number }>(`select count(*)::int n from organizations`)).rows[0]!.n;
  const cases: [string, Parameters<typeof searchTenants>[1]][] = [
    ['first page, no filter', { page: 1 }],
    ['page 200, no filter', { page: 200 }],
    ['search "organization 77"', { q: 'organization 77', page: 1 }],
    ['health = unhealthy, page 10', { health: 'unhealthy', page: 10 }],
    ['endpoint = Secondary + search "9"', { endpoint: 'Secondary', q: '9', page: 2 }],
  ];
  console.log(`Tenant list (lib/tenants/list.ts under RLS as a superadmin, ${total.toLocaleString('en')} tenants, count + page of 25):`);
  for (const [label, filters] of cases) {
    for (let i = 0; i < 10; i++) await searchTenants(ctx, filters); // warm up
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await searchTenants(ctx, filters);
      samples.push(performance.now() - t);
    }
    const { p50, p95 } = percentiles(samples);
    console.log(`  ${label.padEnd(40)} p50 ${ms(p50).padStart(9)}  p95 ${ms(p95).padStart(9)}`);
  }
}

/**
 * 1,000 tenants, each on its own simulated endpoint checked every 10 s (the shortest interval):
 * 6,000 checks a minute are due. Runs the real job runner for a minute and counts what arrived.
 */
export async function benchHealthRunner(owner: pg.Client, endpoints = 1000, seconds = 60, concurrency = 25) {
  const INTERVAL = 10;
  const sim = await startSimulator();
  process.env.WHATSAPP_ENDPOINTS = JSON.stringify(
    Array.from({ length: endpoints }, (_, i) => ({ name: `Bench ${i}`, apiUrl: sim.whatsappUrl(`bench-${i}`), apiKey: `bench-key-${i}` })),
  );
  const { resetEndpointCatalogue } = await import('@/lib/endpoints/catalogue');
  resetEndpointCatalogue();
  await owner.query('begin');
  await owner.query(`set local session_replication_role = replica`);
  await owner.query(`delete from tenant_whatsapp_config`);
  await owner.query('commit');
  await owner.query(`delete from graphile_worker._private_jobs`);
  // Assigning through the table's trigger queues each tenant's first check, as the portal does.
  await owner.query(
    `insert into tenant_whatsapp_config (tenant_id, endpoint_name, health_check_interval, message_timeout)
     select id, 'Bench ' || (row_number() over (order by slug) - 1), $2, 5 from organizations order by slug limit $1`,
    [endpoints, INTERVAL],
  );
  const { startJobRunner } = await import('@/lib/jobs/runner');
  const started = Date.now();
  const runner = await startJobRunner({ concurrency });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await runner.stop();
  const elapsed = (Date.now() - started) / 1000;
  await sim.close();

  const stats = Array.from({ length: endpoints }, (_, i) => sim.whatsapp.statsOf(`bench-${i}`));
  const checks = stats.reduce((n, s) => n + s.hits, 0);
  // After the first round, each endpoint should be checked every INTERVAL seconds: a gap longer than
  // that is how far the runner fell behind.
  const gaps = stats.flatMap((s) => s.recent.slice(1).map((t, k) => (t - s.recent[k]!) / 1000));
  const late = gaps.map((g) => Math.max(0, g - INTERVAL));
  const { p50, p95 } = percentiles(late);
  const firstRound = Math.max(...stats.map((s) => s.recent[0] ?? Infinity)) - started;
  const perMinute = (checks / elapsed) * 60;
  const due = (endpoints / INTERVAL) * 60;
  console.log(
    `Health runner: ${endpoints} endpoints every ${INTERVAL} s, concurrency ${concurrency}, ${elapsed.toFixed(0)} s: ` +
      `${checks} checks = ${perMinute.toFixed(0)}/min (due ${due.toFixed(0)}/min, ratio ${(perMinute / due).toFixed(2)}); ` +
      `first round of all ${endpoints} done in ${(firstRound / 1000).toFixed(1)} s; lateness per check p50 ${p50.toFixed(2)} s, p95 ${p95.toFixed(2)} s, max ${Math.max(0, ...late).toFixed(2)} s`,
  );
  const unhealthy = (await owner.query<{ n: number }>(`select count(*)::int n from tenant_whatsapp_config where health_status <> 'healthy'`)).rows[0]!.n;
  console.log(`  endpoints not healthy at the end: ${unhealthy} (all simulated endpoints answer 200)`);
}
