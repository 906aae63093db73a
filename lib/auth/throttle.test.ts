// The sign-in throttle keeps its counters in Postgres, so a lockout made through one portal instance
// (one pool, one module graph) holds in another, and parallel attempts cannot overshoot the limit.
// It backs off rather than locks: a stranger cannot keep an account's owner out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ownerClient } from '@/tests/db';

type ThrottleModule = typeof import('./throttle');
type PoolModule = typeof import('@/lib/db/pool');

async function freshInstance(): Promise<{ throttle: ThrottleModule; pool: PoolModule }> {
  vi.resetModules();
  (globalThis as { switchboardPool?: unknown }).switchboardPool = undefined; // a new instance has its own pool
  return { throttle: await import('./throttle'), pool: await import('@/lib/db/pool') };
}

const opened: PoolModule[] = [];
let owner: pg.Client;
beforeAll(async () => {
  owner = ownerClient();
  await owner.connect();
});
afterAll(async () => {
  for (const p of opened) await p.closePool().catch(() => undefined);
  await owner.end();
});

async function instance(): Promise<ThrottleModule> {
  const { throttle, pool } = await freshInstance();
  opened.push(pool);
  return throttle;
}

const email = () => `${randomUUID()}@example.test`;
const address = () => `203.0.113.${Math.floor(Math.random() * 250)}`;
const lockOf = async (key: string) =>
  (await owner.query<{ locked_until: Date | null; lockouts: number }>(`select locked_until, lockouts from auth_throttle where key = $1`, [key])).rows[0];
/** Ends a key's lockout now, as if its time had passed. */
const expire = (key: string) => owner.query(`update auth_throttle set locked_until = now() - interval '1 second' where key = $1`, [key]);

describe('sign-in throttle', () => {
  it('admits the configured number of attempts, then locks the account at that address across instances', async () => {
    const who = email();
    const ip = address();
    const a = await instance();
    const keys = a.throttleKeys(who, ip);
    for (let i = 0; i < 5; i++) expect(await a.admitAttempt(keys)).toBe(true);
    expect(await a.admitAttempt(keys)).toBe(false);

    const b = await instance();
    expect(await b.admitAttempt(b.throttleKeys(who.toUpperCase(), ip))).toBe(false);
  });

  it('lets no more than the limit through when attempts arrive at once', async () => {
    const throttle = await instance();
    const keys = throttle.throttleKeys(email(), address());
    const results = await Promise.all(Array.from({ length: 12 }, () => throttle.admitAttempt(keys)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('counts attempts from one address across different accounts', async () => {
    const throttle = await instance();
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < 30; i++) await throttle.admitAttempt([`ip:${ip}`]);
    expect(await throttle.admitAttempt(throttle.throttleKeys(email(), ip))).toBe(false);
  });

  it('gives an account a fresh start after a correct password', async () => {
    const throttle = await instance();
    const keys = throttle.throttleKeys(email(), address());
    for (let i = 0; i < 4; i++) await throttle.admitAttempt(keys);
    await throttle.recordSuccess(keys);
    for (let i = 0; i < 5; i++) expect(await throttle.admitAttempt(keys)).toBe(true);
  });

  it('never lets a stranger at another address lock the owner out', async () => {
    const throttle = await instance();
    const victim = email();
    const stranger = throttle.throttleKeys(victim, address());
    for (let i = 0; i < 40; i++) await throttle.admitAttempt(stranger);
    expect(await throttle.admitAttempt(stranger)).toBe(false);
    expect(await throttle.admitAttempt(throttle.throttleKeys(victim, '192.0.2.10'))).toBe(true);
  });

  it('does not extend a lockout with attempts made during it', async () => {
    const throttle = await instance();
    const keys = throttle.throttleKeys(email(), address());
    for (let i = 0; i < 6; i++) await throttle.admitAttempt(keys);
    const locked = await lockOf(keys[0]!);
    expect(locked?.locked_until).toBeInstanceOf(Date);
    for (let i = 0; i < 20; i++) expect(await throttle.admitAttempt(keys)).toBe(false);
    expect((await lockOf(keys[0]!))?.locked_until?.getTime()).toBe(locked?.locked_until?.getTime());
    expect((await lockOf(keys[0]!))?.lockouts).toBe(1);
  });

  it('doubles each lockout from one minute, up to AUTH_LOCKOUT_MINUTES', async () => {
    const throttle = await instance();
    const keys = throttle.throttleKeys(email(), address());
    const lengths: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 6; i++) await throttle.admitAttempt(keys);
      const lock = await lockOf(keys[0]!);
      lengths.push(Math.round(((lock?.locked_until?.getTime() ?? 0) - Date.now()) / 60_000));
      await expire(keys[0]!);
    }
    expect(lengths).toEqual([1, 2, 4, 8, 15, 15]);
  });
});
