import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import type { Actor } from '@/lib/auth/actor';
import { withRls } from '@/lib/db/rls';
import { numberHistory } from '@/lib/phone/history';
import { assignNumber } from '@/lib/phone/numbers';
import { authenticateApiToken, createApiToken } from '@/lib/api-tokens/service';
import { inviteByEmail, listMembers, removeMember, updateMemberRole } from './members';

const db = seededDatabase();

async function numbersOf(org: FreshOrganization, count: number): Promise<{ id: string; phone_number: string }[]> {
  const phones = Array.from({ length: count }, (_, i) => `+9111400001${String(i).padStart(2, '0')}`);
  const { rows } = await db.owner.query<{ id: string; phone_number: string }>(
    `insert into organization_phone_numbers (organization_id, source, phone_number) select $1, 'exotel_phone', p from unnest($2::text[]) p returning id, phone_number`,
    [org.id, phones],
  );
  return rows;
}

describe('members', () => {
  it('lists only the active organization, for admins and team leads', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    await freshOrganization(db.owner, { members: ['admin'] });
    const members = await listMembers(org.member('manager').actor);
    expect(members.map((m) => m.email).sort()).toEqual(org.members.map((m) => m.email).sort());
    await expect(listMembers(org.member('agent').actor)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it("reports another organization's member as not found", async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const other = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    await expect(
      updateMemberRole(org.member('admin').actor, { membershipId: other.member('agent').membershipId, role: 'admin' }),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('lets admins, and only admins, change a role', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const agent = org.member('agent');
    await expect(updateMemberRole(org.member('manager').actor, { membershipId: agent.membershipId, role: 'manager' })).rejects.toMatchObject({ status: 403 });
    expect((await updateMemberRole(org.member('admin').actor, { membershipId: agent.membershipId, role: 'manager' })).role).toBe('manager');
    expect((await db.owner.query(`select role from memberships where id = $1`, [agent.membershipId])).rows[0]?.role).toBe('manager');
  });

  it('refuses to demote the last admin, even when two demotions race', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager'] });
    const [self, other] = [org.member('admin'), org.member('manager')];
    await expect(updateMemberRole(self.actor, { membershipId: self.membershipId, role: 'agent' })).rejects.toMatchObject({ status: 409 });

    // Promote a second admin, then demote both at once: exactly one demotion may win. A superadmin
    // acts, so only the lock (not RLS, after the actor's own demotion) can stop the second one.
    await updateMemberRole(self.actor, { membershipId: other.membershipId, role: 'admin' });
    const superadminId = (await db.owner.query<{ id: string }>(`select id from users where is_superadmin limit 1`)).rows[0]!.id;
    const platform: Actor = {
      orgId: org.id,
      role: 'admin',
      userId: superadminId,
      scopes: null,
      audit: { type: 'user', id: superadminId, label: 'superadmin' },
      db: (fn) => withRls({ userId: superadminId, orgId: org.id, orgRole: 'admin', isSuperadmin: true }, fn),
    };
    const results = await Promise.allSettled([
      updateMemberRole(platform, { membershipId: self.membershipId, role: 'manager' }),
      updateMemberRole(platform, { membershipId: other.membershipId, role: 'manager' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await db.owner.query(`select id from memberships where org_id = $1 and role = 'admin'`, [org.id]);
    expect(admins.rowCount).toBe(1);
  });

  it('invites by email instead of adding: the same answer whether or not the address has an account', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager'] });
    const elsewhere = (await freshOrganization(db.owner, { members: ['agent'] })).member('agent');
    const admin = org.member('admin').actor;
    await expect(inviteByEmail(org.member('manager').actor, { email: elsewhere.email, role: 'agent' })).rejects.toMatchObject({ status: 403 });

    const existing = await inviteByEmail(admin, { email: elsewhere.email, role: 'agent' });
    const unknown = await inviteByEmail(admin, { email: 'nobody@nowhere.example', role: 'agent' });
    // Nobody joined: both are open invitations bound to their address, and look alike.
    expect(Object.keys(existing).sort()).toEqual(Object.keys(unknown).sort());
    expect((await db.owner.query(`select 1 from memberships where org_id = $1 and user_id = $2`, [org.id, elsewhere.userId])).rowCount).toBe(0);
    const invitations = await db.owner.query(`select email, role from organization_invitations where organization_id = $1 order by email`, [org.id]);
    expect(invitations.rows).toEqual([
      { email: elsewhere.email, role: 'agent' },
      { email: 'nobody@nowhere.example', role: 'agent' },
    ]);
    // Someone already in the organization is refused.
    await expect(inviteByEmail(admin, { email: org.member('manager').email, role: 'agent' })).rejects.toMatchObject({ status: 409 });
  });
});

describe('removing a member', () => {
  it('unassigns their numbers in the same transaction, with history that keeps their name, and audit', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const [admin, agent] = [org.member('admin'), org.member('agent')];
    const numbers = await numbersOf(org, 2);
    for (const n of numbers) await assignNumber(admin.actor, n.id, { user_id: agent.userId });
    await expect(removeMember(org.member('manager').actor, agent.membershipId)).rejects.toMatchObject({ status: 403 });

    expect(await removeMember(admin.actor, agent.membershipId)).toEqual({ unassigned: 2 });
    expect((await db.owner.query(`select count(*)::int n from organization_phone_numbers where assigned_to_user_id = $1`, [agent.userId])).rows[0].n).toBe(0);
    // Once removed, the member's name is no longer readable by the organization: the history keeps it.
    expect((await db.owner.query(`select 1 from memberships where id = $1`, [agent.membershipId])).rowCount).toBe(0);
    expect((await numberHistory(admin.actor, numbers[0]!.id))[0]).toMatchObject({ reason: 'member_removed', from: agent.name, to: null });
    const history = await db.owner.query(`select previous_user_label from phone_number_assignments where reason = 'member_removed' and organization_id = $1`, [org.id]);
    expect(history.rows).toEqual([{ previous_user_label: agent.name }, { previous_user_label: agent.name }]);
    const audit = (await db.owner.query(`select action, metadata from integration_audit_logs where org_id = $1 order by id desc limit 3`, [org.id])).rows;
    expect(audit.map((r) => r.action)).toEqual(['member.removed', 'phone_number.unassigned', 'phone_number.unassigned']);
    expect(audit[1].metadata).toEqual({ number: expect.any(String), member: agent.email, reason: 'member_removed' });
    await expect(assignNumber(admin.actor, numbers[0]!.id, { user_id: agent.userId })).rejects.toMatchObject({ status: 422 });
  });

  it('revokes their API tokens, so adding them again does not revive them', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'admin'] });
    const [keeper, leaver] = org.members;
    const { token } = await createApiToken(leaver!.actor, { name: 'CRM sync', role: 'admin', scopes: ['settings:read'] });
    expect(await authenticateApiToken(token)).toMatchObject({ orgId: org.id, userId: leaver!.userId });

    await removeMember(keeper!.actor, leaver!.membershipId);
    expect(await authenticateApiToken(token)).toBeNull();
    const revoked = await db.owner.query(`select action, metadata from integration_audit_logs where org_id = $1 and action = 'api_token.revoked'`, [org.id]);
    expect(revoked.rows).toEqual([{ action: 'api_token.revoked', metadata: { name: 'CRM sync', prefix: token.slice(0, 12), reason: 'member_removed', member: leaver!.email } }]);

    // Back in the organization, the old token still opens nothing.
    await db.owner.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [org.id, leaver!.userId]);
    expect(await authenticateApiToken(token)).toBeNull();
  });

  it('never removes the last admin', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin');
    await expect(removeMember(admin.actor, admin.membershipId)).rejects.toMatchObject({ status: 409 });
  });
});
