import { describe, expect, it } from 'vitest';
import { memberContext, seededDatabase } from '@/tests/db';
import { withRls, type OrgRole } from '@/lib/db/rls';
import type { OrgContext } from '@/lib/auth/guards';
import { listMembers, updateMemberRole } from './members';

const db = seededDatabase();

const contextFor = (email: string, slug: 'acme' | 'globex', role: OrgRole): OrgContext => memberContext(db.seeded, email, slug, role);

describe('members', () => {
  it('lists only the active organization', async () => {
    const members = await listMembers(contextFor('admin@acme.example', 'acme', 'admin'));
    expect(members.map((m) => m.email).sort()).toEqual(
      ['admin@acme.example', 'agent@acme.example', 'consultant@switchboard.example', 'manager@acme.example'].sort(),
    );
  });

  it("reports another organization's member as not found", async () => {
    await expect(
      updateMemberRole(contextFor('admin@acme.example', 'acme', 'admin'), {
        membershipId: db.seeded.memberships['agent@globex.example@globex']!,
        role: 'admin',
      }),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('changes a role and changes it back', async () => {
    const ctx = contextFor('admin@acme.example', 'acme', 'admin');
    const id = db.seeded.memberships['agent@acme.example@acme']!;
    expect((await updateMemberRole(ctx, { membershipId: id, role: 'manager' })).role).toBe('manager');
    expect((await db.owner.query(`select role from memberships where id = $1`, [id])).rows[0]?.role).toBe('manager');
    await updateMemberRole(ctx, { membershipId: id, role: 'agent' });
  });

  it('refuses to demote the last admin, even when two demotions race', async () => {
    const ctx = contextFor('admin@globex.example', 'globex', 'admin');
    const self = db.seeded.memberships['admin@globex.example@globex']!;
    await expect(updateMemberRole(ctx, { membershipId: self, role: 'agent' })).rejects.toMatchObject({ status: 409 });

    // Promote a second admin, then demote both at once: exactly one demotion may win. A superadmin
    // acts, so only the lock (not RLS, after the actor's own demotion) can stop the second one.
    const other = db.seeded.memberships['manager@globex.example@globex']!;
    await updateMemberRole(ctx, { membershipId: other, role: 'admin' });
    const superadminId = db.seeded.users['superadmin@switchboard.example']!;
    const platform: OrgContext = {
      ...ctx,
      user: { id: superadminId, email: 'superadmin@switchboard.example', name: 'Sam', isSuperadmin: true },
      db: (fn) => withRls({ userId: superadminId, orgId: db.seeded.orgs.globex, orgRole: 'admin', isSuperadmin: true }, fn),
    };
    const results = await Promise.allSettled([
      updateMemberRole(platform, { membershipId: self, role: 'manager' }),
      updateMemberRole(platform, { membershipId: other, role: 'manager' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await db.owner.query(`select id from memberships where org_id = $1 and role = 'admin'`, [db.seeded.orgs.globex]);
    expect(admins.rowCount).toBe(1);
    // Restore the seeded roles.
    await db.owner.query(`update memberships set role = 'admin' where id = $1`, [self]);
    await db.owner.query(`update memberships set role = 'manager' where id = $1`, [other]);
  });
});
