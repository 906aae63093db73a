// The Lighthouse section of `npm run bench` on its own, on a fresh bench database and production server:
// `npx tsx --conditions=react-server scripts/bench/lighthouse-main.ts` (BENCH_LIGHTHOUSE_PAGES=/a,/b limits
// the pages, BENCH_LIGHTHOUSE_RUNS the runs per page, BENCH_LIGHTHOUSE_TRACE=<dir> keeps each run's trace).
import pg from 'pg';
import { stopByPid } from '@/lib/db/embedded';
import { openBenchDatabase } from './database';
import { killChild } from '../lib/processes';
import { startServer } from './server';
import { benchLighthouse } from './lighthouse';

const { db, url } = await openBenchDatabase();
const server = await startServer(Number(process.env.BENCH_PORT ?? 3201));
const owner = new pg.Client({ connectionString: url });
await owner.connect();
try {
  await benchLighthouse(server.base, owner);
} finally {
  await owner.end();
  await killChild(server.process);
  const { closePool } = await import('@/lib/db/pool');
  await closePool().catch(() => undefined);
  if (db.embedded?.pid) await stopByPid(db.embedded.pid);
}
