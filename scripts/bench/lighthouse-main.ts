// The Lighthouse section of `npm run bench` on its own, on the main pages' data (as pages-main.ts) and a
// production server: `npx tsx --conditions=react-server scripts/bench/lighthouse-main.ts`
// (BENCH_LIGHTHOUSE_PAGES=/a,/b limits the pages, BENCH_LIGHTHOUSE_RUNS the runs per page,
// BENCH_LIGHTHOUSE_TRACE=<dir> keeps each run's trace).
import pg from 'pg';
import { stopByPid } from '@/lib/db/embedded';
import { openBenchDatabase } from './database';
import { killChild } from '../lib/processes';
import { startServer, type BenchServer } from './server';
import { benchLighthouse } from './lighthouse';
import { seedMainPagesData } from './main-pages-data';

const { db, url } = await openBenchDatabase();
let server: BenchServer | undefined;
const owner = new pg.Client({ connectionString: url });
try {
  await owner.connect();
  await seedMainPagesData(owner);
  server = await startServer(Number(process.env.BENCH_PORT ?? 3201));
  await benchLighthouse(server.base, owner);
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
