// `npm run audit:verify`: checks every organization's hash chain and names the first broken row.
import { loadEnvFiles } from './lib/local-env';
import { openDatabase } from './lib/database';

loadEnvFiles();
const db = await openDatabase();
process.env.DATABASE_URL = db.url;
const { verifyAuditChains } = await import('@/lib/audit/verify');
const { closePool } = await import('@/lib/db/pool');
let exitCode = 0;
try {
  const result = await verifyAuditChains();
  for (const p of result.problems) {
    const where = p.id ? `row id ${p.id} (position ${p.seq})` : `position ${p.seq}`;
    console.error(`BROKEN chain ${p.chain}: ${where} ${p.reason}`);
  }
  console.log(`${result.chains} chains, ${result.rows} rows checked: ${result.problems.length ? `${result.problems.length} broken` : 'all intact'}.`);
  exitCode = result.problems.length ? 1 : 0;
} finally {
  await closePool();
  await db.embedded?.stop();
}
process.exit(exitCode);
