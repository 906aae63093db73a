// Gives the scripts a migrated database: DATABASE_URL if set, otherwise the embedded Postgres.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { runMigrations } from 'graphile-worker';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';
import { root } from './local-env';

export interface Database {
  url: string;
  embedded: EmbeddedDatabase | null;
}

export const DEV_DATA_DIR = path.join(root, '.data', 'pg');

export async function openDatabase(options: { dataDir?: string; port?: number; fresh?: boolean } = {}): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const embedded = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? DEV_DATA_DIR,
    port,
    fresh: options.fresh,
  });
  // The embedded server listens on loopback only and has no TLS; say so instead of trying it first.
  process.env.PGSSLMODE ??= 'disable';
  return { url: embedded.url(), embedded };
}

/** Creates a database on the same server if it does not exist yet (tests and benchmarks use their own). */
export async function ensureDatabaseExists(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Applies supabase/migrations with the Supabase CLI, exactly as a hosted Supabase project gets them,
 * then installs the job runner's own schema (graphile_worker), which graphile-worker versions itself.
 */
export async function migrate(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  await pushMigrations(url, options);
  // Imported here so that importing this module does not create the logger before callers set LOG_LEVEL.
  const { quietJobLogger } = await import('@/lib/jobs/logger');
  await runMigrations({ connectionString: url, logger: quietJobLogger });
}

function pushMigrations(url: string, options: { quiet?: boolean }): Promise<void> {
  const bin = path.join(root, 'node_modules', '.bin', 'supabase');
  // The password goes to the CLI through PGPASSWORD, not its command line, which `ps` shows to everyone.
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(bin, ['db', 'push', '--db-url', target.toString(), '--yes', '--include-all'], {
      cwd: root,
      env: password ? { ...process.env, PGPASSWORD: password } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      // The CLI prints the connection target without the password; its output is safe to show.
      else reject(new Error(`supabase db push failed (exit ${code}):\n${output}`));
    });
  });
}
