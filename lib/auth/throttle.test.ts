// The sign-in throttle keeps its counters in Postgres, so a lockout made through one portal instance
// (one pool, one module graph) holds in another, and parallel attempts cannot overshoot the limit.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';

type ThrottleModule = typeof import('./throttle');
type PoolModule = typeof import('@/lib/db/pool');

async function freshInstance(): Promise<{ throttle: ThrottleModule; pool: PoolModule }> {
  vi.resetModules();
  (globalThis as { switchboardPool?: unknown }).switchboardPool = undefined; // a new instance has its own pool
  return { throttle: await import('./throttle'), pool: await import('@/lib/db/pool') };
}

const opened: PoolModule[] = [];
afterAll(async () => {
  for (const p of opened) await p.closePool().catch(() => undefined);
});

describe('sign-in throttle', () => {
  it('admits the configured number of attempts, then locks the account across instances', async () => {
    const email = `${randomUUID()}@example.test`;
    const a = await freshInstance();
    opened.push(a.pool);
    const keys = a.throttle.throttleKeys(email, null);
    for (let i = 0; i < 5; i++) expect(await a.throttle.admitAttempt(keys)).toBe(true);
    expect(await a.throttle.admitAttempt(keys)).toBe(false);

    const b = await freshInstance();
    opened.push(b.pool);
    expect(await b.throttle.admitAttempt(b.throttle.throttleKeys(email.toUpperCase(), '198.51.100.7'))).toBe(false);
  });

  it('lets no more than the limit through when attempts arrive at once', async () => {
    const { throttle, pool } = await freshInstance();
    opened.push(pool);
    const keys = throttle.throttleKeys(`${randomUUID()}@example.test`, null);
    const results = await Promise.all(Array.from({ length: 12 }, () => throttle.admitAttempt(keys)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('counts attempts from one address across different accounts', async () => {
    const { throttle, pool } = await freshInstance();
    opened.push(pool);
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < 30; i++) await throttle.admitAttempt([`ip:${ip}`]);
    expect(await throttle.admitAttempt(throttle.throttleKeys(`${randomUUID()}@example.test`, ip))).toBe(false);
  });

  it('gives an account a fresh start after a correct password', async () => {
    const { throttle, pool } = await freshInstance();
    opened.push(pool);
    const keys = throttle.throttleKeys(`${randomUUID()}@example.test`, null);
    for (let i = 0; i < 4; i++) await throttle.admitAttempt(keys);
    await throttle.recordSuccess(keys);
    for (let i = 0; i < 5; i++) expect(await throttle.admitAttempt(keys)).toBe(true);
  });
});
