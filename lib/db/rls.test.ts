// RLS alone must isolate organizations: these queries skip every application check and rely only on
// the claims that withRls sets and the policies in supabase/migrations.
import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshMember, type FreshOrganization } from '@/tests/db';
import type { RlsClaims } from './rls';

process.env.DATABASE_POOL_MAX = '1'; // one connection: every transaction reuses it, so leaks would show

const { withRls, withElevated } = await import('./rls');
const { pool } = await import('./pool');

const db = seededDatabase();

const claimsOf = (member: FreshMember, org: FreshOrganization): RlsClaims => ({ userId: member.userId, orgId: org.id, orgRole: member.role, isSuperadmin: false });

/** Two organizations of the test's own: the one acting, and the other whose rows it must not reach. */
async function twoOrganizations() {
  const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
  const other = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
  return { org, other, admin: claimsOf(org.member('admin'), org), otherAdmin: claimsOf(other.member('admin'), other) };
}

describe('tenant isolation by RLS alone', () => {
  it("cannot read another organization's rows", async () => {
    const { org, other, admin } = await twoOrganizations();
    const seen = await withRls(admin, async (tx) => ({
      orgs: await tx.query<{ slug: string }>(`select slug from organizations`),
      otherMemberships: await tx.query(`select id from memberships where org_id = $1`, [other.id]),
      otherOnlyUser: await tx.query(`select id from users where id = $1`, [other.member('agent').userId]),
      ownMemberships: await tx.query(`select id from memberships where org_id = $1`, [org.id]),
    }));
    expect(seen.orgs.map((o) => o.slug)).toEqual([org.slug]);
    expect(seen.otherMemberships).toHaveLength(0);
    expect(seen.otherOnlyUser).toHaveLength(0);
    expect(seen.ownMemberships).toHaveLength(org.members.length);
  });

  it('cannot insert into another organization', async () => {
    const { org, other, admin } = await twoOrganizations();
    const self = org.member('admin').userId;
    await expect(
      withRls(admin, (tx) => tx.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [other.id, self])),
    ).rejects.toThrow(/row-level security/);
    const rows = await db.owner.query(`select 1 from memberships where org_id = $1 and user_id = $2`, [other.id, self]);
    expect(rows.rowCount).toBe(0);
  });

  it("cannot update or delete another organization's rows", async () => {
    const { other, admin } = await twoOrganizations();
    const target = other.member('agent').membershipId;
    const result = await withRls(admin, async (tx) => ({
      updated: await tx.query(`update memberships set role = 'admin' where id = $1 returning id`, [target]),
      deleted: await tx.query(`delete from memberships where id = $1 returning id`, [target]),
      renamed: await tx.query(`update organizations set name = 'Hacked' where id = $1 returning id`, [other.id]),
    }));
    expect(result).toEqual({ updated: [], deleted: [], renamed: [] });
    const row = await db.owner.query(`select role from memberships where id = $1`, [target]);
    expect(row.rows[0]?.role).toBe('agent');
    expect((await db.owner.query(`select name from organizations where id = $1`, [other.id])).rows[0]?.name).toBe(other.name);
  });

  it('cannot move its own row into another organization', async () => {
    const { org, other, admin } = await twoOrganizations();
    const own = org.member('agent').membershipId;
    await expect(
      withRls(admin, (tx) => tx.query(`update memberships set org_id = $2 where id = $1`, [own, other.id])),
    ).rejects.toThrow(/permission denied|row-level security/);
    const row = await db.owner.query(`select org_id from memberships where id = $1`, [own]);
    expect(row.rows[0]?.org_id).toBe(org.id);
  });

  it('ignores a forged organization claim for an organization the user does not belong to', async () => {
    const { other, admin } = await twoOrganizations();
    const forged = { ...admin, orgId: other.id };
    const seen = await withRls(forged, (tx) => tx.query(`select id from memberships where org_id = $1`, [other.id]));
    expect(seen).toHaveLength(0);
    await expect(
      withRls(forged, (tx) => tx.query(`update memberships set role = 'admin' where id = $1 returning id`, [other.member('agent').membershipId])),
    ).resolves.toEqual([]);
  });

  it('treats a suspended organization as nobody’s active organization', async () => {
    const suspended = await freshOrganization(db.owner, { members: ['admin', 'agent'], status: 'suspended' });
    const active = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const othersSeenBy = (org: FreshOrganization) => {
      const admin = claimsOf(org.member('admin'), org);
      return withRls(admin, (tx) => tx.query(`select id from memberships where org_id = $1 and user_id <> $2`, [org.id, admin.userId]));
    };
    expect(await othersSeenBy(suspended)).toHaveLength(0);
    // The same people in an active organization do see each other.
    expect(await othersSeenBy(active)).toHaveLength(1);
  });

  it('ignores a forged superadmin flag', async () => {
    const { admin } = await twoOrganizations();
    const seen = await withRls({ ...admin, isSuperadmin: true }, (tx) => tx.query(`select slug from organizations`));
    expect(seen).toHaveLength(1);
  });

  it('lets a real superadmin see every organization', async () => {
    const { org, other } = await twoOrganizations();
    const seen = await withRls(
      { userId: db.seeded.users['superadmin@switchboard.example']!, orgId: null, orgRole: null, isSuperadmin: true },
      (tx) => tx.query<{ slug: string }>(`select slug from organizations order by slug`),
    );
    const all = await db.owner.query<{ slug: string }>(`select slug from organizations order by slug`);
    expect(seen.map((o) => o.slug)).toEqual(all.rows.map((o) => o.slug));
    expect(seen.map((o) => o.slug)).toEqual(expect.arrayContaining(['acme', 'globex', org.slug, other.slug]));
  });

  it('never exposes password hashes to a request', async () => {
    const { admin } = await twoOrganizations();
    await expect(withRls(admin, (tx) => tx.query(`select password_hash from users where id = $1`, [admin.userId]))).rejects.toThrow(/permission denied/);
  });

  it('a manager cannot change roles even in their own organization', async () => {
    const { org } = await twoOrganizations();
    // The claim says admin, but the policy reads the role from the memberships table.
    const manager = { ...claimsOf(org.member('manager'), org), orgRole: 'admin' as const };
    const target = org.member('agent').membershipId;
    const updated = await withRls(manager, (tx) => tx.query(`update memberships set role = 'admin' where id = $1 returning id`, [target]));
    expect(updated).toEqual([]);
    expect((await db.owner.query(`select role from memberships where id = $1`, [target])).rows[0]?.role).toBe('agent');
  });
});

describe('anon', () => {
  it.each(['organizations', 'users', 'memberships', 'auth_throttle'])('is denied everything on %s', async (table) => {
    for (const statement of [
      `select * from ${table} limit 1`,
      `delete from ${table}`,
      `insert into ${table} default values`,
    ]) {
      await db.owner.query('begin');
      try {
        await db.owner.query(`set local role anon`);
        await expect(db.owner.query(statement)).rejects.toThrow(/permission denied/);
      } finally {
        await db.owner.query('rollback');
      }
    }
  });
});

describe('claims on a pool of one connection', () => {
  const whoAmI = `select auth.uid()::text as uid, current_user as role,
                         (select count(*)::int from organizations) as orgs,
                         (select string_agg(slug, ',') from organizations) as slugs`;

  it('never leak between interleaved transactions', async () => {
    const { org, other, admin, otherAdmin } = await twoOrganizations();
    const runs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? admin : otherAdmin));
    const results = await Promise.all(runs.map((claims) => withRls(claims, (tx) => tx.one<{ uid: string; slugs: string }>(whoAmI))));
    results.forEach((row, i) => {
      expect(row?.uid).toBe(runs[i]!.userId);
      expect(row?.slugs).toBe(i % 2 === 0 ? org.slug : other.slug);
    });
  });

  it('leave nothing behind after commit or rollback', async () => {
    const { admin, otherAdmin } = await twoOrganizations();
    await withRls(admin, (tx) => tx.query('select 1'));
    await expect(withRls(otherAdmin, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    // Straight on the pool's only connection, outside any RLS transaction.
    const after = await pool().query(`select current_user as role, auth.uid() as uid,
      coalesce(current_setting('request.jwt.claims', true), '<null>') as claims`);
    expect(after.rows[0]).toEqual({ role: 'postgres', uid: null, claims: '' });
  });

  it('keeps the elevated path separate and named', async () => {
    const row = await withElevated('auth.sign-in', (tx) =>
      tx.one<{ role: string; purpose: string }>(`select current_user as role, auth.jwt() ->> 'purpose' as purpose`),
    );
    expect(row).toEqual({ role: 'service_role', purpose: 'auth.sign-in' });
  });
});
