// `npm run worker`: the job runner on its own (endpoint health checks, audit archiving). `npm run dev`
// and `npm start` start one alongside the portal unless JOB_RUNNER=off; run more anywhere you like:
// they share the work through Postgres and never run the same job twice.
import { loadEnvFiles } from './lib/local-env';

loadEnvFiles();
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is not set. `npm run dev` and `npm start` pass it to their own runner; set it to run one on its own.');
  process.exit(1);
}
const { startJobRunner } = await import('@/lib/jobs/runner');
const { closePool } = await import('@/lib/db/pool');
const { logger } = await import('@/lib/log');

const runner = await startJobRunner();
console.log('Job runner started (endpoint health checks, daily audit archiving).');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Running jobs get a moment to finish; a lost database connection must not keep the process alive.
  const deadline = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
  await Promise.race([runner.stop(), deadline]).catch((error: unknown) => logger.error({ err: String(error) }, 'job runner did not stop cleanly'));
  await Promise.race([closePool(), deadline]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
if (process.env.WORKER_EXIT_WITH_PARENT === '1') {
  // Started by `npm run dev` / `npm start`: if the launcher dies without stopping us, stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 2000).unref();
}
await runner.promise;
