import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase } from '@/tests/db';
import { setPermission, usableTypes } from './permissions';

const db = seededDatabase();

// Who is offered an integration's Try it panel: the same people the operations accept.
describe('which integrations a member may use', () => {
  it('gives admins every one, and others only what they were granted the use of (seeing the status is not enough)', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const admin = org.member('admin').actor;
    const manager = org.member('manager');
    const agent = org.member('agent');
    const types = ['stripe', 'zoom', 'ctos'];
    await setPermission(admin, 'stripe', { user_id: agent.userId, can_use: true, can_view_status: true });
    await setPermission(admin, 'zoom', { user_id: agent.userId, can_use: false, can_view_status: true });
    await setPermission(admin, 'ctos', { user_id: manager.userId, can_use: true, can_view_status: false });

    expect([...(await usableTypes(admin, types))].sort()).toEqual(['ctos', 'stripe', 'zoom']);
    expect([...(await usableTypes(agent.actor, types))]).toEqual(['stripe']);
    expect([...(await usableTypes(manager.actor, types))]).toEqual(['ctos']);
    expect([...(await usableTypes(agent.actor, ['zoom', 'ctos']))]).toEqual([]);

    // Another organization's grants count for nothing here.
    const other = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    expect([...(await usableTypes(other.member('agent').actor, types))]).toEqual([]);
  });
});
