// The benchmark's own database and secrets, shared by `npm run bench` and the sections run alone:
// never a developer's data, fresh on every run.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { root } from '../lib/local-env';
import { ensureDatabaseExists, openDatabase } from '../lib/database';

export async function openBenchDatabase() {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  process.env.INTEGRATIONS_ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
  process.env.LOG_LEVEL = 'warn';
  delete process.env.DATABASE_URL; // always the bench's own database
  const db = await openDatabase({ dataDir: path.join(root, '.data', 'bench-pg'), port: Number(process.env.BENCH_PG_PORT ?? 54349), fresh: true });
  const url = await ensureDatabaseExists(db.url, 'switchboard_bench');
  process.env.DATABASE_URL = url;
  return { db, url };
}
