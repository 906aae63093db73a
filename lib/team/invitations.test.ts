import { afterAll, describe, expect, it } from 'vitest';
import { memberContext, seededDatabase } from '@/tests/db';
import type { UserContext } from '@/lib/auth/guards';
import { AppError } from '@/lib/http/errors';
import { acceptInvitation, createInvitation, joinWithNewAccount, listInvitations, openInvitation, revokeInvitation } from './invitations';

const db = seededDatabase();
const NEW_EMAIL = 'new.person@invited.example';

afterAll(async () => {
  await db.owner.query(`delete from users where email = $1`, [NEW_EMAIL]);
  await db.owner.query(`delete from organization_invitations`);
  await db.owner.query(
    `delete from memberships where org_id = $1 and user_id = (select id from users where email = 'agent@globex.example')`,
    [db.seeded.orgs.acme],
  );
});

const admin = () => memberContext(db.seeded, 'admin@acme.example', 'acme', 'admin');
const asUser = (email: string): UserContext => {
  const ctx = memberContext(db.seeded, email, 'globex', 'agent');
  return { user: ctx.user, memberships: ctx.memberships, active: ctx.active, db: ctx.db };
};

async function refused(promise: Promise<unknown>, status: number, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe('invitation links', () => {
  it('let someone new create an account and join once, with the invited role', async () => {
    const open = await createInvitation(admin(), { role: 'agent', expires_in_days: 7 });
    await refused(joinWithNewAccount({ token: open.token, name: 'Squatter', email: 'ceo@victim.example', password: 'a-long-enough-password' }), 403, /already have an account/);
    const { token } = await createInvitation(admin(), { role: 'manager', email: NEW_EMAIL, expires_in_days: 7 });
    await refused(joinWithNewAccount({ token, name: 'Squatter', email: 'ceo@victim.example', password: 'a-long-enough-password' }), 403, /for new\.person/);
    expect(token).toMatch(/^sbi_/);
    const stored = (await db.owner.query(`select token_hash from organization_invitations order by created_at desc limit 1`)).rows[0];
    expect(stored.token_hash).not.toContain(token);
    expect(await openInvitation(token)).toEqual({ state: 'open', orgName: 'Acme Corporation', role: 'manager', email: NEW_EMAIL });

    await joinWithNewAccount({ token, name: 'New Person', email: NEW_EMAIL, password: 'a-long-enough-password' });
    const membership = (await db.owner.query(
      `select m.role from memberships m join users u on u.id = m.user_id where u.email = $1 and m.org_id = $2`,
      [NEW_EMAIL, db.seeded.orgs.acme],
    )).rows;
    expect(membership).toEqual([{ role: 'manager' }]);
    const audit = (await db.owner.query(`select actor_label, metadata from integration_audit_logs where action = 'member.added' order by id desc limit 1`)).rows[0];
    expect(audit).toEqual({ actor_label: NEW_EMAIL, metadata: { member: NEW_EMAIL, role: 'manager', via: 'invitation' } });

    expect(await openInvitation(token)).toEqual({ state: 'accepted', orgName: null, role: null, email: null });
    await refused(joinWithNewAccount({ token, name: 'Someone Else', email: NEW_EMAIL, password: 'a-long-enough-password' }), 410, /already been used/);
    // A made-up link learns nothing about which emails have accounts.
    await refused(joinWithNewAccount({ token: `sbi_${'x'.repeat(43)}`, name: 'Probe', email: 'admin@acme.example', password: 'a-long-enough-password' }), 410, /not valid/);
    expect((await db.owner.query(`select 1 from users where email in ('ceo@victim.example')`)).rowCount).toBe(0);
  });

  it('bind to an email when given one, and stop working once expired or withdrawn', async () => {
    const forGus = await createInvitation(admin(), { role: 'agent', email: 'agent@globex.example', expires_in_days: 1 });
    await refused(acceptInvitation(asUser('manager@globex.example'), forGus.token), 403, /for agent@globex\.example/);
    expect(await acceptInvitation(asUser('agent@globex.example'), forGus.token)).toEqual({ orgId: db.seeded.orgs.acme, role: 'agent' });

    const expiring = await createInvitation(admin(), { role: 'agent', expires_in_days: 1 });
    await db.owner.query(`update organization_invitations set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where id = $1`, [expiring.id]);
    await refused(acceptInvitation(asUser('manager@globex.example'), expiring.token), 410, /expired/);

    const withdrawn = await createInvitation(admin(), { role: 'agent', expires_in_days: 14 });
    await refused(revokeInvitation(memberContext(db.seeded, 'admin@globex.example', 'globex', 'admin'), withdrawn.id), 404);
    await revokeInvitation(admin(), withdrawn.id);
    await refused(acceptInvitation(asUser('manager@globex.example'), withdrawn.token), 410, /withdrawn/);
    expect((await listInvitations(admin())).map((i) => i.status)).toEqual(expect.arrayContaining(['accepted', 'expired', 'revoked']));
  });

  it('are only created by admins', async () => {
    const manager = memberContext(db.seeded, 'manager@acme.example', 'acme', 'manager');
    await expect(createInvitation(manager, { role: 'admin', expires_in_days: 7 })).rejects.toThrow(/row-level security/);
  });
});
