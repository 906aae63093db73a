// Postgres restarting under load: requests in flight and new ones answer 503 (never a crash or an
// uncaught exception), and once it is back the same pool serves again. Every write that was
// acknowledged is still there afterwards. Runs its own embedded Postgres so it can stop it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';

const PORT = Number(process.env.OUTAGE_PG_PORT ?? 54361);
const dataDir = path.resolve(import.meta.dirname, '../../.data/outage-pg');
let server: EmbeddedDatabase;
let rls: typeof import('./rls');
let poolModule: typeof import('./pool');
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
const savedUrl = process.env.DATABASE_URL;

const start = () => startEmbeddedPostgres({ dataDir, port: PORT });

beforeAll(async () => {
  server = await start();
  const owner = new pg.Client({ connectionString: server.url() });
  await owner.connect();
  await owner.query(`do $$ begin if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if; end $$`);
  await owner.query(`create table if not exists acknowledged (id bigserial primary key)`);
  await owner.query(`grant all on acknowledged to authenticated; grant usage on sequence acknowledged_id_seq to authenticated; truncate acknowledged`);
  await owner.end();
  // A portal instance of its own, pointed at this server.
  process.env.DATABASE_URL = server.url();
  vi.resetModules();
  (globalThis as { switchboardPool?: unknown }).switchboardPool = undefined;
  rls = await import('./rls');
  poolModule = await import('./pool');
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
}, 60_000);

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  await poolModule?.closePool().catch(() => undefined);
  (globalThis as { switchboardPool?: unknown }).switchboardPool = undefined;
  process.env.DATABASE_URL = savedUrl;
  await server?.stop().catch(() => undefined);
});

const claims = { userId: '00000000-0000-4000-8000-000000000001', orgId: null, orgRole: null, isSuperadmin: false };

/** One request: a write that takes a moment, as a portal request does. */
async function request(): Promise<{ ok: true; id: string } | { ok: false; error: unknown }> {
  try {
    const id = await rls.withRls(claims, async (tx) => {
      await tx.query(`select pg_sleep(0.02)`);
      return (await tx.one<{ id: string }>(`insert into acknowledged default values returning id`))!.id;
    });
    return { ok: true, id };
  } catch (error) {
    return { ok: false, error };
  }
}

describe('a Postgres restart under load', () => {
  it('answers 503 while it is down, serves again when it is back, and loses no acknowledged write', async () => {
    const results: Awaited<ReturnType<typeof request>>[] = [];
    let running = true;
    const load = (async () => {
      while (running) results.push(...(await Promise.all(Array.from({ length: 8 }, request))));
    })();

    await new Promise((r) => setTimeout(r, 300));
    await server.stop();
    await new Promise((r) => setTimeout(r, 500));
    server = await start();
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await load;

    const failures = results.filter((r): r is { ok: false; error: unknown } => !r.ok);
    expect(failures.length, 'some requests met the outage').toBeGreaterThan(0);
    // (The instance's modules were loaded afresh, so its AppError is not this file's class.)
    for (const { error } of failures) expect(error).toMatchObject({ name: 'AppError', status: 503, code: 'unavailable' });
    expect(uncaught).toEqual([]);

    // Back to normal on the same pool.
    const after = await Promise.all(Array.from({ length: 8 }, request));
    expect(after.every((r) => r.ok)).toBe(true);

    const acknowledged = results.flatMap((r) => (r.ok ? [r.id] : []));
    const owner = new pg.Client({ connectionString: server.url() });
    await owner.connect();
    const stored = await owner.query<{ n: number }>(`select count(*)::int as n from acknowledged where id = any($1::bigint[])`, [acknowledged]);
    await owner.end();
    expect(stored.rows[0]!.n).toBe(acknowledged.length);
  }, 60_000);
});
