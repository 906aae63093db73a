// The main pages' section of `npm run bench` on its own, for working on page speed without the other
// sections' minutes: the same data (scaled by the same BENCH_* variables), the same production server.
// Run: `npx tsx --conditions=react-server scripts/bench/pages-main.ts` (BENCH_PAGES=/settings/audit,/admin/audit
// limits the pages; BENCH_PAGE_SECONDS the time per page).
import pg from 'pg';
import { stopByPid } from '@/lib/db/embedded';
import { openBenchDatabase } from './database';
import { killChild } from '../lib/processes';
import { startServer, type BenchServer } from './server';
import { benchPages, MAIN_PAGES } from './pages';
import { seedMainPagesData } from './main-pages-data';

const { db, url } = await openBenchDatabase();
let server: BenchServer | undefined;
const owner = new pg.Client({ connectionString: url });
try {
  await owner.connect();
  await seedMainPagesData(owner);
  server = await startServer(Number(process.env.BENCH_PORT ?? 3200));
  const only = process.env.BENCH_PAGES?.split(',');
  console.log('\n== Main pages: throughput at 10 connections against /api/health ==');
  await benchPages(server.base, only ? MAIN_PAGES.filter((p) => only.includes(p.path)) : MAIN_PAGES);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await owner.end().catch(() => undefined);
  await killChild(server?.process);
  const { closePool } = await import('@/lib/db/pool');
  await closePool().catch(() => undefined);
  if (db.embedded?.pid) await stopByPid(db.embedded.pid);
}
