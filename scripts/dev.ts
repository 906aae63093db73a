// `npm run dev`: embedded Postgres (unless DATABASE_URL is set), migrations, demo data, Next.js dev server.
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureDevSecrets, loadEnvFiles, root } from './lib/local-env';
import { openDatabase, migrate } from './lib/database';
import { demoLoginsText, seed } from './lib/seed';
import { bin, killChild, onShutdown } from './lib/processes';
import { startCompanions } from './lib/companions';

const started = Date.now();
loadEnvFiles();
const generated = ensureDevSecrets();
if (generated.length) console.log(`Generated ${generated.join(' and ')} into .env.local (git-ignored).`);

const db = await openDatabase();
console.log(db.embedded ? `Embedded Postgres 17 running (data in .data/pg).` : 'Using DATABASE_URL.');
await migrate(db.url, { quiet: true });
const seeded = await seed(db.url);
console.log(seeded ? 'Migrations applied; demo data seeded.' : 'Migrations up to date; demo data already present.');

const port = process.env.PORT ?? '3000';
const url = `http://localhost:${port}`;
const companions = await startCompanions({ databaseUrl: db.url, simulator: process.env.SIMULATOR !== 'off', nodeEnv: 'development' });

const shutdown = onShutdown(async () => {
  await killChild(next);
  await companions.stop();
  await db.embedded?.stop();
});

const next: ChildProcess = spawn(bin('next'), ['dev', '--port', port], {
  cwd: root,
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'development', DATABASE_URL: db.url, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url },
  stdio: ['inherit', 'pipe', 'inherit'],
});
let announced = false;
next.stdout?.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && chunk.toString().includes('Ready')) {
    announced = true;
    console.log(`\nSwitchboard is running at ${url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n${demoLoginsText()}\n`);
  }
});
next.on('exit', (code) => void shutdown(code ?? 0));
