// The main pages' server throughput under `next start`: each page, signed in as the person who uses it,
// at 10 connections for a few seconds after a warm-up, against the bare /api/health handler measured the
// same way in the same run, just before and just after each page (so the machine's drift over the run
// does not decide a page's ratio). The target is a page at least 0.2× the health handler's rate.
import { readFileSync, writeFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '../lib/seed';
import { CONCURRENCY, load } from './gateway';
import { signedInFetch } from './server';
import { ms, percentiles } from './stats';

const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 5);
const TARGET = 0.2;

type Get = (pathname: string) => Promise<Response>;

export interface MainPage {
  path: string;
  as: 'admin' | 'superadmin';
  /** Pages another part of the product may not have yet: a 404 is reported, not a failure. */
  optional?: boolean;
}

export const MAIN_PAGES: MainPage[] = [
  { path: '/settings/integrations', as: 'admin' },
  { path: '/settings/integrations?tab=phone', as: 'admin' },
  { path: '/settings/integrations/twilio', as: 'admin', optional: true },
  { path: '/settings/integrations/sending', as: 'admin' },
  { path: '/settings/team?tab=members', as: 'admin' },
  { path: '/settings/team?tab=phone-numbers', as: 'admin' },
  { path: '/settings/team?tab=phone-numbers&q=4116&status=unassigned&page=20', as: 'admin' },
  { path: '/settings/activity', as: 'admin' },
  { path: '/settings/audit', as: 'admin' },
  { path: '/settings/api-tokens', as: 'admin' },
  { path: '/settings/webhooks', as: 'admin' },
  { path: '/settings/profile', as: 'admin' },
  { path: '/admin/tenants', as: 'superadmin' },
  { path: '/admin/tenants?q=organization%2077&page=2', as: 'superadmin' },
  { path: '/admin/audit', as: 'superadmin' },
];

/**
 * CPU time (user + system) the server process has used so far, in ms, from /proc (Linux; clock ticks
 * taken as USER_HZ 100, Linux's value on every common build); null elsewhere. The server's own process
 * only: Next renders every page in it, and the benchmark's server starts no others.
 * Per request it is steadier than the request rate on a shared host, whose speed drifts from minute to
 * minute, and it says what a page costs the one thread that renders every page.
 */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime
  } catch {
    return null;
  }
}

/** Requests at CONCURRENCY for about `seconds`: a warm-up sizes the run, so slow and fast pages take the same time. */
async function measure(get: () => Promise<Response>, seconds: number, serverPid?: number) {
  const warm = await load(get, CONCURRENCY * 3, 200);
  const total = Math.max(CONCURRENCY * 3, Math.round(warm.rps * seconds));
  const before = cpuMs(serverPid);
  const run = await load(get, total, 200);
  const after = cpuMs(serverPid);
  const cpuPerRequest = before !== null && after !== null ? (after - before) / total : null;
  return { rps: run.rps, latencies: run.latencies, cpuPerRequest, ...percentiles(run.latencies) };
}

/**
 * Where one request's time goes, with the server started with SWITCHBOARD_DB_TRACE_FILE: requests one
 * at a time, their latency, and the database transactions and statements each one ran.
 */
async function trace(get: () => Promise<Response>, file: string, n = 5) {
  writeFileSync(file, '');
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await (await get()).arrayBuffer();
    latencies.push(performance.now() - t);
  }
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { ms: number; statements: string[] });
  const statements = lines.reduce((sum, l) => sum + l.statements.length, 0);
  const dbMs = lines.reduce((sum, l) => sum + l.ms, 0);
  return `c=1 p50 ${ms(percentiles(latencies).p50)}; per request ${(lines.length / n).toFixed(1)} transactions, ${(statements / n).toFixed(1)} statements, ${(dbMs / n).toFixed(1)} ms holding connections`;
}

export async function benchPages(base: string, pages: MainPage[] = MAIN_PAGES, seconds = SECONDS, serverPid?: number): Promise<void> {
  const as: Record<MainPage['as'], Get> = {
    admin: await signedInFetch(base, 'admin@acme.example', DEMO_PASSWORD),
    superadmin: await signedInFetch(base, 'superadmin@switchboard.example', DEMO_PASSWORD),
  };
  const health = () => fetch(`${base}/api/health`);
  // A server just started answers faster after a few thousand requests (JIT): warm it before the first count.
  await measure(health, Math.min(seconds, 2));
  // The machine's speed drifts over the minutes all pages take (a shared host's 2 cores swung the bare
  // handler between 175 and 410 req/s in one run): each page is set against the health runs just
  // before and just after it, half as long as the page's, instead of against one average for all.
  const healthRuns = [await measure(health, seconds / 2, serverPid)];
  const rows: { page: MainPage; result: Awaited<ReturnType<typeof measure>> | null; size: number; health: number; healthCpu: number | null }[] = [];
  for (const page of pages) {
    const get = as[page.as];
    const probe = await get(page.path);
    const body = await probe.arrayBuffer();
    if (probe.status === 404 && page.optional) {
      rows.push({ page, result: null, size: 0, health: 0, healthCpu: null });
      continue;
    }
    if (probe.status !== 200) throw new Error(`${page.path} answered ${probe.status} for the ${page.as}`);
    if (process.env.BENCH_PAGE_DUMP) writeFileSync(`${process.env.BENCH_PAGE_DUMP}/${page.path.replace(/[^a-z0-9]+/gi, '_')}.html`, Buffer.from(body));
    const result = await measure(() => get(page.path), seconds, serverPid);
    const after = await measure(health, seconds / 2, serverPid);
    const beside = [healthRuns.at(-1)!.cpuPerRequest, after.cpuPerRequest];
    const healthCpu = beside.every((c) => c !== null) ? (beside[0]! + beside[1]!) / 2 : null;
    rows.push({ page, result, size: body.byteLength, health: (healthRuns.at(-1)!.rps + after.rps) / 2, healthCpu });
    healthRuns.push(after);
    const file = process.env.SWITCHBOARD_DB_TRACE_FILE;
    if (file) console.log(`  ${page.path}: ${await trace(() => get(page.path), file)}`);
    if (file && process.env.BENCH_TRACE_STATEMENTS) {
      await trace(() => get(page.path), file, 1);
      console.log(readFileSync(file, 'utf8'));
    }
  }
  const rates = healthRuns.map((h) => h.rps);
  const all = percentiles(healthRuns.flatMap((h) => h.latencies));
  console.log(
    `${'GET /api/health (no session)'.padEnd(60)} ${(rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(0).padStart(6)} req/s  p50 ${ms(all.p50)} p95 ${ms(all.p95)}  (${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)} over ${rates.length} runs)`,
  );
  const cpus = healthRuns.map((h) => h.cpuPerRequest).filter((c): c is number => c !== null);
  if (cpus.length) console.log(`${'  server CPU per health request'.padEnd(60)} ${(cpus.reduce((a, b) => a + b, 0) / cpus.length).toFixed(2).padStart(6)} ms`);
  for (const { page, result, size, health: healthRps, healthCpu } of rows) {
    const label = `GET ${page.path} (${page.as})`.padEnd(60);
    if (!result) {
      console.log(`${label}   not in this build (404)`);
      continue;
    }
    const ratio = result.rps / healthRps;
    console.log(
      `${label} ${result.rps.toFixed(1).padStart(6)} req/s  p50 ${ms(result.p50).padStart(10)} p95 ${ms(result.p95).padStart(10)}  ${(size / 1024).toFixed(0).padStart(4)} KiB` +
        `  | health beside it ${healthRps.toFixed(0).padStart(4)} req/s, ratio ${ratio.toFixed(2)}x ${ratio >= TARGET ? 'ok' : `below ${TARGET}×`}`,
    );
    if (result.cpuPerRequest !== null && healthCpu)
      console.log(`${'  server CPU per request'.padEnd(60)} ${result.cpuPerRequest.toFixed(2).padStart(6)} ms  = ${(result.cpuPerRequest / healthCpu).toFixed(1)}× the health requests beside it`);
  }
}
