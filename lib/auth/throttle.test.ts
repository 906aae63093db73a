// The sign-in throttle keeps its counters in Postgres, so a lockout made through one portal instance
// (one pool, one module graph) holds in another.
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
  it('locks an account after the configured failures, across instances', async () => {
    const email = `${randomUUID()}@example.test`;
    const a = await freshInstance();
    opened.push(a.pool);
    const keys = a.throttle.throttleKeys(email, null);
    for (let i = 0; i < 4; i++) await a.throttle.recordFailure(keys);
    expect(await a.throttle.isThrottled(keys)).toBe(false);
    await a.throttle.recordFailure(keys);
    expect(await a.throttle.isThrottled(keys)).toBe(true);

    const b = await freshInstance();
    opened.push(b.pool);
    expect(await b.throttle.isThrottled(b.throttle.throttleKeys(email.toUpperCase(), '198.51.100.7'))).toBe(true);
  });

  it('counts failures from one address across different accounts', async () => {
    const { throttle, pool } = await freshInstance();
    opened.push(pool);
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < 30; i++) await throttle.recordFailure([`ip:${ip}`]);
    expect(await throttle.isThrottled(throttle.throttleKeys(`${randomUUID()}@example.test`, ip))).toBe(true);
  });

  it('forgets an account’s failures after a successful sign-in', async () => {
    const { throttle, pool } = await freshInstance();
    opened.push(pool);
    const email = `${randomUUID()}@example.test`;
    const keys = throttle.throttleKeys(email, null);
    for (let i = 0; i < 4; i++) await throttle.recordFailure(keys);
    await throttle.clearAccountFailures(email);
    await throttle.recordFailure(keys);
    expect(await throttle.isThrottled(keys)).toBe(false);
  });
});
