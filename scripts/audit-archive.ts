// `npm run audit:archive`: moves audit entries older than AUDIT_RETENTION_DAYS (default 90) to the archive.
import { loadEnvFiles } from './lib/local-env';
import { openDatabase } from './lib/database';

loadEnvFiles();
const db = await openDatabase();
process.env.DATABASE_URL = db.url;
const { archiveAuditEntries } = await import('@/lib/audit/retention');
const { env } = await import('@/lib/env');
const { closePool } = await import('@/lib/db/pool');
try {
  const days = env().AUDIT_RETENTION_DAYS;
  const moved = await archiveAuditEntries(days);
  console.log(`Archived ${moved} audit entries older than ${days} days.`);
} finally {
  await closePool();
  await db.embedded?.stop();
}
