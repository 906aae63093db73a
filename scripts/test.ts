// `npm test`: typecheck, lint, Vitest against a real Postgres, then Playwright in Chromium against a
// production build. Starts a throwaway embedded Postgres unless DATABASE_URL is set, and always stops
// what it started, by PID, even when a step fails.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { stopByPid } from '@/lib/db/embedded';
import { root } from './lib/local-env';
import { ensureDatabaseExists, migrate, openDatabase } from './lib/database';
import { seed } from './lib/seed';
import { bin, run } from './lib/processes';

// e.g. `npm test -- unit e2e`; anything else (a path such as lib/integrations or e2e/integrations) filters the test files.
const args = process.argv.slice(2);
const steps = ['typecheck', 'lint', 'unit', 'e2e'];
const only = args.filter((a) => steps.includes(a));
const filters = args.filter((a) => !steps.includes(a));
const want = (step: string) => only.length === 0 || only.includes(step);

function step(name: string) {
  console.log(`\n=== ${name} ===`);
}

async function must(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  step(name);
  const code = await run(command, args, { env });
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
}

// Fixed for this run only: tests never read a developer's .env.local secrets.
const testEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
  INTEGRATIONS_ENCRYPTION_KEYS: `test1:${randomBytes(32).toString('base64')}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NEXT_TELEMETRY_DISABLED: '1',
  PGSSLMODE: process.env.PGSSLMODE ?? 'disable',
};

let pid: number | null = null;
let failed = false;
try {
  if (want('typecheck')) await must('typecheck', bin('tsc'), ['--noEmit']);
  if (want('lint')) await must('lint', bin('eslint'), ['.', '--max-warnings=0']);

  if (want('unit') || want('e2e')) {
    step('database');
    const db = await openDatabase({ dataDir: path.join(root, '.data', 'test-pg'), port: Number(process.env.TEST_PG_PORT ?? 54339), fresh: true });
    pid = db.embedded?.pid ?? null;
    const urls = db.embedded
      ? { unit: await ensureDatabaseExists(db.url, 'switchboard_unit'), e2e: await ensureDatabaseExists(db.url, 'switchboard_e2e') }
      : { unit: db.url, e2e: db.url };
    for (const url of new Set(Object.values(urls))) {
      await migrate(url, { quiet: true });
      await seed(url, { force: true });
    }
    console.log(db.embedded ? 'Embedded Postgres ready with migrated, seeded test databases.' : 'Using DATABASE_URL.');

    if (want('unit')) await must('unit and integration tests (vitest)', bin('vitest'), ['run', ...filters], { ...testEnv, DATABASE_URL: urls.unit });
    if (want('e2e')) {
      // The server logs at info into a file (see playwright.config.ts), which the canary tests read.
      const e2eEnv: NodeJS.ProcessEnv = { ...testEnv, DATABASE_URL: urls.e2e, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
      // A build needs no secrets and no database: built without them, so a page that reads them at build time fails here.
      const buildEnv: NodeJS.ProcessEnv = { ...e2eEnv };
      for (const name of ['DATABASE_URL', 'NEXTAUTH_SECRET', 'INTEGRATIONS_ENCRYPTION_KEYS']) delete buildEnv[name];
      await must('production build', bin('next'), ['build'], buildEnv);
      await must('end-to-end tests (playwright)', bin('playwright'), ['test', ...filters], e2eEnv);
    }
  }
} catch (error) {
  failed = true;
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (pid) await stopByPid(pid);
}
process.exit(failed ? 1 : 0);
