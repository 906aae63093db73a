// `npm run keys:rotate`: re-seals every saved credential with the first key of
// INTEGRATIONS_ENCRYPTION_KEYS. To rotate: put the new key first (keep the old ones after it), deploy,
// run this, and drop an old key only once this reports nothing left on it (exit 0). Safe to stop
// (Ctrl-C) and run again; it resumes with the rows still on an old key.
import { loadEnvFiles } from './lib/local-env';
import { openDatabase } from './lib/database';

loadEnvFiles();
const db = await openDatabase();
process.env.DATABASE_URL = db.url;
const { rotateCredentials } = await import('@/lib/crypto/rotate');
const { closePool } = await import('@/lib/db/pool');
const batchSize = Number(process.env.ROTATE_BATCH_SIZE ?? 200);
const stop = new AbortController();
process.on('SIGINT', () => {
  console.log('Stopping after this batch…');
  stop.abort();
});
let exitCode = 0;
try {
  const result = await rotateCredentials({
    batchSize,
    signal: stop.signal,
    onBatch: (p) => console.log(`re-sealed ${p.rotated} so far`),
  });
  for (const u of result.unreadable) console.error(`UNREADABLE ${u.integrationType} row ${u.id}: ${u.reason}`);
  console.log(`${result.rotated} re-sealed; ${result.remaining} still on an older key${stop.signal.aborted ? ' (stopped early: run again to finish)' : ''}.`);
  // Anything left on an old key (unreadable, or stopped early) means the old key must stay.
  exitCode = result.unreadable.length > 0 || result.remaining > 0 ? 1 : 0;
} finally {
  await closePool();
  await db.embedded?.stop();
}
process.exit(exitCode);
