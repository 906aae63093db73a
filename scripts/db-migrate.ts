// `npm run db:migrate`: applies supabase/migrations to DATABASE_URL (or the embedded dev database).
import { loadEnvFiles } from './lib/local-env';
import { openDatabase, migrate } from './lib/database';

loadEnvFiles();
const db = await openDatabase();
try {
  await migrate(db.url);
} finally {
  await db.embedded?.stop();
}
