import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase } from '@/tests/db';
import { listMembers } from '@/lib/team/members';
import { listIntegrations } from '@/lib/integrations/status';
import { inOneTransaction } from './batch';

const db = seededDatabase();

describe('inOneTransaction', () => {
  it('runs several services in one transaction, with the same answers as one transaction each', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const actor = org.member('admin').actor;
    const alone = { members: await listMembers(actor), integrations: await listIntegrations(actor) };
    const batched = await inOneTransaction(actor, async (shared) => {
      const [members, integrations, a, b] = await Promise.all([
        listMembers(shared),
        listIntegrations(shared),
        shared.db((tx) => tx.one<{ id: string }>(`select txid_current()::text as id`)),
        shared.db((tx) => tx.one<{ id: string }>(`select txid_current()::text as id`)),
      ]);
      expect(a?.id).toBe(b?.id);
      return { members, integrations };
    });
    expect(batched).toEqual(alone);
  });

  it('keeps the claims: a holder changed to name another organization reads nothing of it', async () => {
    const [org, other] = [await freshOrganization(db.owner, { members: ['admin'] }), await freshOrganization(db.owner, { members: ['admin', 'manager'] })];
    const actor = org.member('admin').actor;
    const stolen = await inOneTransaction(actor, (shared) => listMembers({ ...shared, orgId: other.id }));
    expect(stolen).toEqual([]);
    // And a service's own role check still runs on the holder it is given.
    const agentish = { ...actor, role: 'agent' as const };
    await expect(inOneTransaction(agentish, (shared) => listMembers(shared))).rejects.toThrow();
  });

  it('rolls the whole batch back when one part fails', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = org.member('admin').actor;
    await expect(
      inOneTransaction(actor, async (shared) => {
        await shared.db((tx) => tx.query(`select 1`));
        throw new Error('one part failed');
      }),
    ).rejects.toThrow('one part failed');
    // The pool is healthy afterwards.
    expect(await listMembers(actor)).toHaveLength(1);
  });
});
