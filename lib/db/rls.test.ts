// RLS alone must isolate organizations: these queries skip every application check and rely only on
// the claims that withRls sets and the policies in supabase/migrations.
import { describe, expect, it } from 'vitest';
import { seededDatabase } from '@/tests/db';

process.env.DATABASE_POOL_MAX = '1'; // one connection: every transaction reuses it, so leaks would show

const { withRls, withElevated } = await import('./rls');
const { pool } = await import('./pool');

const db = seededDatabase();

const acmeAdmin = () => ({
  userId: db.seeded.users['admin@acme.example']!,
  orgId: db.seeded.orgs.acme,
  orgRole: 'admin' as const,
  isSuperadmin: false,
});
const globexAdmin = () => ({
  userId: db.seeded.users['admin@globex.example']!,
  orgId: db.seeded.orgs.globex,
  orgRole: 'admin' as const,
  isSuperadmin: false,
});

describe('tenant isolation by RLS alone', () => {
  it("cannot read another organization's rows", async () => {
    const seen = await withRls(acmeAdmin(), async (tx) => ({
      orgs: await tx.query<{ slug: string }>(`select slug from organizations`),
      globexMemberships: await tx.query(`select id from memberships where org_id = $1`, [db.seeded.orgs.globex]),
      globexOnlyUser: await tx.query(`select id from users where id = $1`, [db.seeded.users['agent@globex.example']]),
      acmeMemberships: await tx.query(`select id from memberships where org_id = $1`, [db.seeded.orgs.acme]),
    }));
    expect(seen.orgs.map((o) => o.slug)).toEqual(['acme']);
    expect(seen.globexMemberships).toHaveLength(0);
    expect(seen.globexOnlyUser).toHaveLength(0);
    expect(seen.acmeMemberships.length).toBeGreaterThanOrEqual(4);
  });

  it("cannot insert into another organization", async () => {
    await expect(
      withRls(acmeAdmin(), (tx) =>
        tx.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [
          db.seeded.orgs.globex,
          db.seeded.users['admin@acme.example'],
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    const rows = await db.owner.query(`select 1 from memberships where org_id = $1 and user_id = $2`, [
      db.seeded.orgs.globex,
      db.seeded.users['admin@acme.example'],
    ]);
    expect(rows.rowCount).toBe(0);
  });

  it("cannot update or delete another organization's rows", async () => {
    const target = db.seeded.memberships['agent@globex.example@globex']!;
    const result = await withRls(acmeAdmin(), async (tx) => ({
      updated: await tx.query(`update memberships set role = 'admin' where id = $1 returning id`, [target]),
      deleted: await tx.query(`delete from memberships where id = $1 returning id`, [target]),
      renamed: await tx.query(`update organizations set name = 'Hacked' where id = $1 returning id`, [db.seeded.orgs.globex]),
    }));
    expect(result).toEqual({ updated: [], deleted: [], renamed: [] });
    const row = await db.owner.query(`select role from memberships where id = $1`, [target]);
    expect(row.rows[0]?.role).toBe('agent');
  });

  it('cannot move its own row into another organization', async () => {
    const own = db.seeded.memberships['agent@acme.example@acme']!;
    await expect(
      withRls(acmeAdmin(), (tx) => tx.query(`update memberships set org_id = $2 where id = $1`, [own, db.seeded.orgs.globex])),
    ).rejects.toThrow(/permission denied|row-level security/);
    const row = await db.owner.query(`select org_id from memberships where id = $1`, [own]);
    expect(row.rows[0]?.org_id).toBe(db.seeded.orgs.acme);
  });

  it('ignores a forged organization claim for an organization the user does not belong to', async () => {
    const forged = { ...acmeAdmin(), orgId: db.seeded.orgs.globex };
    const seen = await withRls(forged, (tx) =>
      tx.query(`select id from memberships where org_id = $1`, [db.seeded.orgs.globex]),
    );
    expect(seen).toHaveLength(0);
    await expect(
      withRls(forged, (tx) =>
        tx.query(`update memberships set role = 'admin' where id = $1 returning id`, [
          db.seeded.memberships['agent@globex.example@globex'],
        ]),
      ),
    ).resolves.toEqual([]);
  });

  it('treats a suspended organization as nobody’s active organization', async () => {
    await db.owner.query(`update organizations set status = 'suspended' where id = $1`, [db.seeded.orgs.globex]);
    try {
      const seen = await withRls(globexAdmin(), (tx) =>
        tx.query(`select id from memberships where org_id = $1 and user_id <> $2`, [db.seeded.orgs.globex, globexAdmin().userId]),
      );
      expect(seen).toHaveLength(0);
    } finally {
      await db.owner.query(`update organizations set status = 'active' where id = $1`, [db.seeded.orgs.globex]);
    }
  });

  it('ignores a forged superadmin flag', async () => {
    const seen = await withRls({ ...acmeAdmin(), isSuperadmin: true }, (tx) => tx.query(`select slug from organizations`));
    expect(seen).toHaveLength(1);
  });

  it('lets a real superadmin see every organization', async () => {
    const seen = await withRls(
      { userId: db.seeded.users['superadmin@switchboard.example']!, orgId: null, orgRole: null, isSuperadmin: true },
      (tx) => tx.query<{ slug: string }>(`select slug from organizations order by slug`),
    );
    expect(seen.map((o) => o.slug)).toEqual(['acme', 'globex']);
  });

  it('never exposes password hashes to a request', async () => {
    await expect(
      withRls(acmeAdmin(), (tx) => tx.query(`select password_hash from users where id = $1`, [acmeAdmin().userId])),
    ).rejects.toThrow(/permission denied/);
  });

  it('a manager cannot change roles even in their own organization', async () => {
    const manager = { userId: db.seeded.users['manager@acme.example']!, orgId: db.seeded.orgs.acme, orgRole: 'admin' as const, isSuperadmin: false };
    // The claim says admin, but the policy reads the role from the memberships table.
    const updated = await withRls(manager, (tx) =>
      tx.query(`update memberships set role = 'admin' where id = $1 returning id`, [db.seeded.memberships['agent@acme.example@acme']]),
    );
    expect(updated).toEqual([]);
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
    const runs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? acmeAdmin() : globexAdmin()));
    const results = await Promise.all(runs.map((claims) => withRls(claims, (tx) => tx.one<{ uid: string; slugs: string }>(whoAmI))));
    results.forEach((row, i) => {
      expect(row?.uid).toBe(runs[i]!.userId);
      expect(row?.slugs).toBe(i % 2 === 0 ? 'acme' : 'globex');
    });
  });

  it('leave nothing behind after commit or rollback', async () => {
    await withRls(acmeAdmin(), (tx) => tx.query('select 1'));
    await expect(withRls(globexAdmin(), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
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
