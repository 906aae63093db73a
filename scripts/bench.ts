// `npm run bench`: prints timings and ratios, never asserts. Uses its own embedded Postgres and a
// production build under `next start`, so numbers do not depend on a developer's data.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { stopByPid } from '@/lib/db/embedded';
import { root } from './lib/local-env';
import { ensureDatabaseExists, migrate, openDatabase } from './lib/database';
import { DEMO_PASSWORD, seed } from './lib/seed';
import { bin, killChild, run } from './lib/processes';

const ORGS = Number(process.env.BENCH_ORGS ?? 10_000);
const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const PORT = Number(process.env.BENCH_PORT ?? 3200);

const ms = (n: number) => `${n.toFixed(2)} ms`;
function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}
function report(label: string, subject: number[], baseline: number[], baselineLabel: string) {
  const s = percentiles(subject);
  const b = percentiles(baseline);
  console.log(
    `${label.padEnd(44)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}  | ${baselineLabel} p50 ${ms(b.p50)} p95 ${ms(b.p95)}  | ratio p50 ${(s.p50 / b.p50).toFixed(2)}x p95 ${(s.p95 / b.p95).toFixed(2)}x`,
  );
}

process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
process.env.INTEGRATIONS_ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
process.env.LOG_LEVEL = 'warn';
delete process.env.DATABASE_URL; // always the bench's own database

const db = await openDatabase({ dataDir: path.join(root, '.data', 'bench-pg'), port: Number(process.env.BENCH_PG_PORT ?? 54349), fresh: true });
const url = await ensureDatabaseExists(db.url, 'switchboard_bench');
process.env.DATABASE_URL = url;
let server: ReturnType<typeof spawn> | undefined;

try {
  await migrate(url, { quiet: true });
  await seed(url, { force: true });

  // --- Scale data set --------------------------------------------------------------------------
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const seedStart = performance.now();
  await owner.query('begin');
  await owner.query(
    `insert into organizations (slug, name) select 'org-' || g, 'Organization ' || g from generate_series(1, $1) g`,
    [ORGS],
  );
  await owner.query(
    `insert into users (email, name) select 'user' || g || '@scale.example', 'User ' || g from generate_series(1, $1) g`,
    [USERS],
  );
  // Every user in one organization (5 per org on average), every tenth user in a second one too.
  await owner.query(
    `with o as (select id, row_number() over (order by slug) as n from organizations where slug like 'org-%'),
          u as (select id, row_number() over (order by email) as n from users where email like '%@scale.example')
     insert into memberships (org_id, user_id, role)
     select o.id, u.id, (array['admin','manager','agent','agent','agent'])[1 + (u.n % 5)]
       from u join o on o.n = 1 + (u.n % $1)
     union all
     select o.id, u.id, 'agent'
       from u join o on o.n = 1 + ((u.n * 7 + 3) % $1)
      where u.n % 10 = 0 and 1 + ((u.n * 7 + 3) % $1) <> 1 + (u.n % $1)`,
    [ORGS],
  );
  await owner.query('commit');
  await owner.query('analyze');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const counts = await owner.query<{ orgs: number; users: number; memberships: number }>(
    `select (select count(*)::int from organizations) orgs, (select count(*)::int from users) users,
            (select count(*)::int from memberships) memberships`,
  );
  console.log(`\nScale data set: ${JSON.stringify(counts.rows[0])} seeded in ${seedSeconds.toFixed(1)} s (target < 120 s)\n`);

  // --- Membership-scoped queries: RLS vs table owner ----------------------------------------------
  const { withRls } = await import('@/lib/db/rls');
  const { pool, closePool } = await import('@/lib/db/pool');
  const sample = await owner.query<{ user_id: string; org_id: string; role: 'admin' | 'manager' | 'agent' }>(
    `select user_id, org_id, role from memberships order by random() limit $1`,
    [ITERATIONS],
  );
  // The same SQL the portal runs (lib/team/members.ts, lib/auth/session.ts).
  const queries: [string, string, (row: { org_id: string; user_id: string }) => string[]][] = [
    [
      'members of the active organization',
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m join public.users u on u.id = m.user_id where m.org_id = $1 order by u.name, u.email`,
      (row) => [row.org_id],
    ],
    [
      "the viewer's organizations",
      `select m.id, m.org_id, o.slug, o.name, m.role from public.memberships m
         join public.organizations o on o.id = m.org_id where m.user_id = $1 and o.status = 'active' order by o.name`,
      (row) => [row.user_id],
    ],
  ];
  for (const [label, sql, paramsOf] of queries) {
    const rlsStatement: number[] = [];
    const ownerStatement: number[] = [];
    const rlsTotal: number[] = [];
    const ownerTotal: number[] = [];
    for (const row of sample.rows) {
      const params = paramsOf(row);
      const t0 = performance.now();
      await withRls({ userId: row.user_id, orgId: row.org_id, orgRole: row.role, isSuperadmin: false }, async (tx) => {
        const s = performance.now();
        await tx.query(sql, params);
        rlsStatement.push(performance.now() - s);
      });
      rlsTotal.push(performance.now() - t0);

      const client = await pool().connect();
      const t1 = performance.now();
      try {
        await client.query('begin');
        const s = performance.now();
        await client.query(sql, params);
        ownerStatement.push(performance.now() - s);
        await client.query('commit');
      } finally {
        client.release();
      }
      ownerTotal.push(performance.now() - t1);
    }
    report(`RLS statement: ${label}`, rlsStatement, ownerStatement, 'owner');
    report(`RLS transaction: ${label}`, rlsTotal, ownerTotal, 'owner');
  }
  await closePool();
  await owner.end();

  // --- A settings page vs a bare route handler under next start -----------------------------------
  if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.BENCH_BUILD === '1') {
    console.log('\nBuilding for production…');
    const code = await run(bin('next'), ['build'], { env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
    if (code !== 0) throw new Error('next build failed');
  }
  const base = `http://localhost:${PORT}`;
  server = spawn(bin('next'), ['start', '--port', String(PORT)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('next start did not come up');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) jar.set(k, v.join('='));
    }
  };
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  remember(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email: 'admin@acme.example', password: DEMO_PASSWORD, json: 'true' }),
    redirect: 'manual',
  });
  remember(login);

  const time = async (pathname: string, n: number) => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${pathname}`, { headers: { cookie: cookieHeader() }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
      samples.push(performance.now() - t);
    }
    return samples;
  };
  await time('/settings/team?tab=members', 20); // warm up
  await time('/api/health', 20);
  const pageSamples = await time('/settings/team?tab=members', 200);
  const bareSamples = await time('/api/health', 200);
  console.log('');
  report('GET /settings/team?tab=members (signed in)', pageSamples, bareSamples, 'GET /api/health');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await killChild(server);
  if (db.embedded?.pid) await stopByPid(db.embedded.pid);
}
