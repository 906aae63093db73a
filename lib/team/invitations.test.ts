import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, userContextOf } from '@/tests/db';
import { AppError } from '@/lib/http/errors';
import { acceptInvitation, createInvitation, joinWithNewAccount, listInvitations, openInvitation, revokeInvitation } from './invitations';

const db = seededDatabase();
const NEW_EMAIL = `new.person-${randomUUID().slice(0, 8)}@invited.example`;

// The account joinWithNewAccount creates is not one the fixture made.
afterAll(async () => {
  await db.owner.query(`delete from users where email = $1`, [NEW_EMAIL]);
});

async function refused(promise: Promise<unknown>, status: number, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe('invitation links', () => {
  it('let someone new create an account and join once, with the invited role', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    const open = await createInvitation(admin, { role: 'agent', expires_in_days: 7 });
    await refused(joinWithNewAccount({ token: open.token, name: 'Squatter', email: 'ceo@victim.example', password: 'a-long-enough-password' }), 403, /already have an account/);
    const { id, token } = await createInvitation(admin, { role: 'manager', email: NEW_EMAIL, expires_in_days: 7 });
    await refused(joinWithNewAccount({ token, name: 'Squatter', email: 'ceo@victim.example', password: 'a-long-enough-password' }), 403, /for new\.person/);
    expect(token).toMatch(/^sbi_/);
    const stored = (await db.owner.query(`select token_hash from organization_invitations where id = $1`, [id])).rows[0];
    expect(stored.token_hash).not.toContain(token);
    expect(await openInvitation(token)).toEqual({ state: 'open', orgName: org.name, role: 'manager', email: NEW_EMAIL });

    await joinWithNewAccount({ token, name: 'New Person', email: NEW_EMAIL, password: 'a-long-enough-password' });
    const membership = (await db.owner.query(
      `select m.role from memberships m join users u on u.id = m.user_id where u.email = $1 and m.org_id = $2`,
      [NEW_EMAIL, org.id],
    )).rows;
    expect(membership).toEqual([{ role: 'manager' }]);
    const audit = (await db.owner.query(`select actor_label, metadata from integration_audit_logs where org_id = $1 and action = 'member.added' order by id desc limit 1`, [org.id])).rows[0];
    expect(audit).toEqual({ actor_label: NEW_EMAIL, metadata: { member: NEW_EMAIL, role: 'manager', via: 'invitation' } });

    expect(await openInvitation(token)).toEqual({ state: 'accepted', orgName: null, role: null, email: null });
    await refused(joinWithNewAccount({ token, name: 'Someone Else', email: NEW_EMAIL, password: 'a-long-enough-password' }), 410, /already been used/);
    // A made-up link learns nothing about which emails have accounts.
    await refused(joinWithNewAccount({ token: `sbi_${'x'.repeat(43)}`, name: 'Probe', email: org.member('admin').email, password: 'a-long-enough-password' }), 410, /not valid/);
    expect((await db.owner.query(`select 1 from users where email in ('ceo@victim.example')`)).rowCount).toBe(0);
  });

  it('bind to an email when given one, and stop working once expired or withdrawn', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const people = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const admin = org.member('admin').actor;
    const [invitee, bystander] = [people.member('agent'), people.member('manager')];

    const bound = await createInvitation(admin, { role: 'agent', email: invitee.email, expires_in_days: 1 });
    await refused(acceptInvitation(userContextOf(bystander, people), bound.token), 403, new RegExp(`for ${invitee.email.replace(/\./g, '\\.')}`));
    expect(await acceptInvitation(userContextOf(invitee, people), bound.token)).toEqual({ orgId: org.id, role: 'agent' });

    const expiring = await createInvitation(admin, { role: 'agent', expires_in_days: 1 });
    await db.owner.query(`update organization_invitations set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where id = $1`, [expiring.id]);
    await refused(acceptInvitation(userContextOf(bystander, people), expiring.token), 410, /expired/);

    const withdrawn = await createInvitation(admin, { role: 'agent', expires_in_days: 14 });
    await refused(revokeInvitation(people.member('admin').actor, withdrawn.id), 404);
    await revokeInvitation(admin, withdrawn.id);
    await refused(acceptInvitation(userContextOf(bystander, people), withdrawn.token), 410, /withdrawn/);
    expect((await listInvitations(admin)).map((i) => i.status).sort()).toEqual(['accepted', 'expired', 'revoked']);
  });

  it('are only created, listed and withdrawn by admins', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager'] });
    const manager = org.member('manager').actor;
    const link = await createInvitation(org.member('admin').actor, { role: 'agent', expires_in_days: 7 });
    await refused(createInvitation(manager, { role: 'admin', expires_in_days: 7 }), 403);
    await refused(listInvitations(manager), 403);
    await refused(revokeInvitation(manager, link.id), 403);
    expect((await db.owner.query(`select count(*)::int n from organization_invitations where organization_id = $1`, [org.id])).rows[0].n).toBe(1);
  });
});
