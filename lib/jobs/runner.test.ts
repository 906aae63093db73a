import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrontab, type Runner } from 'graphile-worker';
import { freshOrganization, seededDatabase } from '@/tests/db';
import { startSimulator, type Simulator } from '@/scripts/simulator/server';
import { resetEndpointCatalogue } from '@/lib/endpoints/catalogue';
import { crontab, distinctTasks, startJobRunner, tasks } from './runner';

const db = seededDatabase();
const N = 6;
const INTERVAL = 10;
let sim: Simulator;
const orgIds: string[] = [];
const HOLD = 'held-by-runner-test';

beforeAll(async () => {
  sim = await startSimulator();
  process.env.WHATSAPP_ENDPOINTS = JSON.stringify(
    Array.from({ length: N }, (_, i) => ({ name: `R${i}`, apiUrl: sim.whatsappUrl(`r${i}`), apiKey: `key-${i}` })),
  );
  resetEndpointCatalogue();
  for (let i = 0; i < N; i++) orgIds.push((await freshOrganization(db.owner, { members: [] })).id);
  // Only this file's checks run: other tenants' pending jobs (the demo tenant's, say) are held as if
  // another worker had them, and handed back untouched afterwards, rather than deleted.
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = $1 where locked_at is null`, [HOLD]);
});

afterAll(async () => {
  try {
    await db.owner.query(`update graphile_worker._private_jobs set locked_at = null, locked_by = null where locked_by = $1`, [HOLD]);
  } finally {
    await sim.close();
  }
});

describe('the job runner', () => {
  it('checks each assigned endpoint at its interval, never twice at once, with two runners sharing the work', async () => {
    const runners: Runner[] = [await startJobRunner({ concurrency: 4 }), await startJobRunner({ concurrency: 4 })];
    try {
      const assignedAt = Date.now();
      for (let i = 0; i < N; i++) {
        await db.owner.query(`insert into tenant_whatsapp_config (tenant_id, endpoint_name, health_check_interval, message_timeout) values ($1, $2, $3, 5)`, [orgIds[i], `R${i}`, INTERVAL]);
      }
      // Assignment schedules a check at once.
      await expect.poll(() => Math.min(...Array.from({ length: N }, (_, i) => sim.whatsapp.statsOf(`r${i}`).hits)), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      const healthy = async () =>
        (await db.owner.query<{ n: number }>(`select count(*)::int n from tenant_whatsapp_config where tenant_id = any($1) and health_status = 'healthy'`, [orgIds])).rows[0]!.n;
      await expect.poll(healthy, { timeout: 5000 }).toBe(N);

      // Removing one stops its checks; the rest go on.
      await db.owner.query(`delete from tenant_whatsapp_config where tenant_id = $1`, [orgIds[0]]);
      await new Promise((resolve) => setTimeout(resolve, INTERVAL * 2000 + 2000));

      for (let i = 0; i < N; i++) {
        const { hits, recent } = sim.whatsapp.statsOf(`r${i}`);
        if (i === 0) {
          expect(hits, 'removed endpoint').toBe(1);
          continue;
        }
        // ~22 s: the first check at once, then one every 10 s: 3 checks, never two close together.
        expect(hits, `R${i} checks`).toBe(3);
        const gaps = recent.slice(1).map((t, k) => t - recent[k]!);
        for (const gap of gaps) expect(gap).toBeGreaterThan(INTERVAL * 1000 - 1500);
        expect(recent[0]! - assignedAt).toBeLessThan(4000);
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  }, 60_000);
});

describe('the task list and the crontab', () => {
  it('names every task once, and every cron line is a task with an identifier of its own', () => {
    expect(() => distinctTasks({ a: async () => undefined }, { a: async () => undefined })).toThrow('Two job tasks are named a.');
    const items = parseCrontab(crontab);
    expect(new Set(items.map((i) => i.identifier)).size).toBe(items.length);
    for (const item of items) expect(Object.keys(tasks)).toContain(item.task);
  });
});
