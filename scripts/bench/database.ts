// The benchmark's own database and secrets, shared by `npm run bench` and the sections run alone:
// never a developer's data, fresh on every run.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { root } from '../lib/local-env';
import { ensureDatabaseExists, migrate, openDatabase } from '../lib/database';
import { seed } from '../lib/seed';
import type pg from 'pg';
import type { ChildProcess } from 'node:child_process';
import { stopByPid } from '@/lib/db/embedded';
import { killChild } from '../lib/processes';

/** Data-set sizes, lowered for a quick run with BENCH_ORGS, BENCH_USERS and BENCH_AUDIT_ROWS. */
export const ORGS = Number(process.env.BENCH_ORGS ?? 10_000);
export const USERS = Number(process.env.BENCH_USERS ?? 50_000);
export const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 10_000_000);

/** A fresh database, migrated and holding the demo data, with the server's secrets set. */
export async function openBenchDatabase() {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  process.env.INTEGRATIONS_ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
  process.env.LOG_LEVEL = 'warn';
  delete process.env.DATABASE_URL; // always the bench's own database
  const db = await openDatabase({ dataDir: path.join(root, '.data', 'bench-pg'), port: Number(process.env.BENCH_PG_PORT ?? 54349), fresh: true });
  const url = await ensureDatabaseExists(db.url, 'switchboard_bench');
  process.env.DATABASE_URL = url;
  try {
    await migrate(url, { quiet: true });
    await seed(url, { force: true });
  } catch (error) {
    // The caller's cleanup has not started yet: stop the database here rather than leave it running.
    if (db.embedded?.pid) await stopByPid(db.embedded.pid);
    throw error;
  }
  return { db, url };
}

/**
 * Everything a bench run started, stopped after a failure too: the owner's connection, the production
 * server, whatever else the run names (the simulator), the pool this process opened and the database.
 */
export async function closeBench(
  owner: pg.Client,
  server: ChildProcess | undefined,
  db: Awaited<ReturnType<typeof openBenchDatabase>>['db'],
  also: () => Promise<void> = async () => undefined,
): Promise<void> {
  await owner.end().catch(() => undefined);
  await killChild(server);
  await also();
  const { closePool } = await import('@/lib/db/pool');
  await closePool().catch(() => undefined);
  if (db.embedded?.pid) await stopByPid(db.embedded.pid);
}
