// `npm run db:seed`: (re)creates the demo organizations and users. `--force` resets their passwords and roles.
import { loadEnvFiles } from './lib/local-env';
import { openDatabase } from './lib/database';
import { demoLoginsText, seed } from './lib/seed';

loadEnvFiles();
const db = await openDatabase();
try {
  const seeded = await seed(db.url, { force: process.argv.includes('--force') });
  console.log(seeded ? 'Demo data seeded.' : 'Demo data already present (use --force to reset it).');
  console.log(demoLoginsText());
} finally {
  await db.embedded?.stop();
}
