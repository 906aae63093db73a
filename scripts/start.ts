// `npm start`: the production server. Secrets must come from the environment (nothing is generated);
// without DATABASE_URL it runs on the embedded Postgres, for a local production-mode demo.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseEnv } from '@/lib/env/schema';
import { loadEnvFiles, root } from './lib/local-env';
import { openDatabase, migrate } from './lib/database';
import { demoLoginsText, seed } from './lib/seed';
import { killChild, onShutdown } from './lib/processes';
import { startCompanions } from './lib/companions';

loadEnvFiles();
Object.assign(process.env, { NODE_ENV: 'production' });
try {
  // Checked before anything starts, so a missing secret is named at once.
  parseEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://placeholder/placeholder' });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error('No production build found. Run `npm run build` first.');
  process.exit(1);
}

const db = await openDatabase();
await migrate(db.url, { quiet: true });
if (db.embedded && (await seed(db.url))) console.log('Demo data seeded into the embedded database.');

const port = process.env.PORT ?? '3000';
// The public URL decides which Origin a write must come from; the local demo is served here.
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
// The simulator only joins the local demo (embedded database); a real deployment talks to real providers.
const companions = await startCompanions({ databaseUrl: db.url, simulator: !!db.embedded && process.env.SIMULATOR !== 'off', nodeEnv: 'production' });
const shutdown = onShutdown(async () => {
  await killChild(next);
  await companions.stop();
  await db.embedded?.stop();
});
const next: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
  cwd: root,
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: db.url, PORT: port },
  stdio: 'inherit',
});
console.log(`Switchboard (production) on http://localhost:${port}`);
if (db.embedded) console.log(demoLoginsText());
next.on('exit', (code) => void shutdown(code ?? 0));
