// The provider simulator for a test file: started before its tests with every provider's base URL
// (and any extra variables) pointed at it, stopped after them with the environment restored.
import { afterAll, beforeAll } from 'vitest';
import { simulatorProviderEnv } from '@/scripts/simulator/providers';
import { startSimulator, type Simulator } from '@/scripts/simulator/server';

export function simulatorForTests(extra: Record<string, string> = {}): { sim: Simulator } {
  const holder = {} as { sim: Simulator };
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    holder.sim = await startSimulator({ port: 0, smtpPort: 0 });
    for (const [k, v] of Object.entries({ ...simulatorProviderEnv(holder.sim.url, { port: holder.sim.smtpPort }), ...extra })) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await holder.sim?.close();
  });
  return holder;
}
