// Phone numbers: sync throughput through the portal's own code (simulated Exotel account over real
// HTTP, RLS transactions as the Acme admin), first run and an idempotent second run.
import type pg from 'pg';
import { simulatorProviderEnv } from '../simulator/providers';
import { startSimulator } from '../simulator/server';

export async function benchSync(owner: pg.Client, numbers: number): Promise<void> {
  const sim = await startSimulator({ port: 0, smtpPort: 0 });
  Object.assign(process.env, simulatorProviderEnv(sim.url, { port: sim.smtpPort }));
  try {
    const { withRls } = await import('@/lib/db/rls');
    const { saveIntegration } = await import('@/lib/integrations/write');
    const { syncNumbers } = await import('@/lib/phone/sync');
    const { rows } = await owner.query<{ org: string; user_id: string }>(
      `select m.org_id as org, m.user_id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id
        where u.email = 'admin@acme.example' and o.slug = 'acme'`,
    );
    const { org, user_id } = rows[0]!;
    const actor = {
      orgId: org,
      role: 'admin' as const,
      userId: user_id,
      scopes: null,
      audit: { type: 'user' as const, id: user_id, label: 'admin@acme.example' },
      db: <T>(fn: Parameters<typeof withRls<T>>[1]) => withRls({ userId: user_id, orgId: org, orgRole: 'admin', isSuperadmin: false }, fn),
    };
    await saveIntegration(actor, 'exotel_phone', {
      credentials: { account_sid: `bench-size${numbers}`, api_key: 'bench-key-1', api_token: 'bench-token-1', region: 'in', virtual_number: '01141169368' },
      save_unverified: true,
    });
    for (const label of ['first sync (all new)', 'second sync (nothing changed)']) {
      const t = performance.now();
      const summary = await syncNumbers(actor, 'exotel_phone');
      const seconds = (performance.now() - t) / 1000;
      console.log(
        `sync ${numbers.toLocaleString('en')} Exotel numbers, ${label}`.padEnd(56) +
          ` ${seconds.toFixed(2)} s  ≈ ${Math.round(summary.listed / seconds).toLocaleString('en')} numbers/s  (added ${summary.added}, updated ${summary.updated})`,
      );
    }
  } finally {
    await sim.close();
  }
}
