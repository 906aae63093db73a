import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshMember, type FreshOrganization } from '@/tests/db';
import { withElevated, withRls, type OrgRole, type RlsClaims } from '@/lib/db/rls';
import { writeAudit, type AuditActor } from './write';
import { auditPage } from './query';
import { verifyAuditChains } from './verify';
import { archiveAuditEntries } from './retention';

const db = seededDatabase();

// Every test records into organizations of its own, so what it reads, pages or tampers with is its own.
const organization = (...members: OrgRole[]) => freshOrganization(db.owner, { members });
const claimsOf = (member: FreshMember, org: FreshOrganization): RlsClaims => ({ userId: member.userId, orgId: org.id, orgRole: member.role, isSuperadmin: false });
const actorOf = (member: FreshMember): AuditActor => ({ type: 'user', id: member.userId, label: member.email });

/** One event recorded by the organization's admin, as a role change would write it. */
async function record(org: FreshOrganization, targetId: string) {
  const admin = org.member('admin');
  await withRls(claimsOf(admin, org), (tx) => writeAudit(tx, actorOf(admin), { action: 'member.role_changed', orgId: org.id, targetType: 'membership', targetId }));
}

/** Runs statements as a superuser with the refusing triggers switched off, as someone tampering would. */
async function tamper(...statements: string[]) {
  await db.owner.query('begin');
  try {
    await db.owner.query(`set local session_replication_role = replica`);
    for (const statement of statements) await db.owner.query(statement);
    await db.owner.query('commit');
  } catch (error) {
    await db.owner.query('rollback');
    throw error;
  }
}

describe('writing', () => {
  it('commits with the change it records, or not at all', async () => {
    const org = await organization('admin');
    const admin = org.member('admin');
    const marker = `rolled-back-${org.id}`;
    await expect(
      withRls(claimsOf(admin, org), async (tx) => {
        await writeAudit(tx, actorOf(admin), { action: 'member.role_changed', orgId: org.id, targetId: marker });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await db.owner.query(`select 1 from integration_audit_logs where target_id = $1`, [marker]);
    expect(rows.rowCount).toBe(0);
  });

  it('refuses to write as someone else or into another organization', async () => {
    const [org, other] = [await organization('admin'), await organization('admin')];
    const admin = org.member('admin');
    await expect(
      withRls(claimsOf(admin, org), (tx) => writeAudit(tx, actorOf(admin), { action: 'member.role_changed', orgId: other.id })),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withRls(claimsOf(admin, org), (tx) => writeAudit(tx, actorOf(other.member('admin')), { action: 'member.role_changed', orgId: org.id })),
    ).rejects.toThrow(/row-level security/);
    const written = await db.owner.query(`select 1 from integration_audit_logs where org_id = any($1)`, [[org.id, other.id]]);
    expect(written.rowCount).toBe(0);
  });

  it('refuses metadata that could hold a secret', async () => {
    const org = await organization('admin');
    const admin = org.member('admin');
    for (const key of ['password', 'apiKey', 'access_token', 'client_secret', 'authorization']) {
      await expect(
        withRls(claimsOf(admin, org), (tx) =>
          writeAudit(tx, actorOf(admin), { action: 'member.role_changed', orgId: org.id, metadata: { [key]: 'x' } }),
        ),
      ).rejects.toThrow(/not allowed/);
    }
  });
});

describe('reading', () => {
  it("shows an admin only their organization's events", async () => {
    const [org, other] = [await organization('admin'), await organization('admin')];
    await record(org, 'own-target');
    await record(other, 'other-target');
    const claims = claimsOf(org.member('admin'), org);
    const seen = await withRls(claims, (tx) => tx.query<{ org_id: string }>(`select org_id from integration_audit_logs`));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.org_id))).toEqual(new Set([org.id]));
    // Asking for the other organization explicitly, with the app's own scope check skipped, finds nothing.
    const page = await withRls(claims, (tx) => auditPage(tx, { allOrgs: true }, { org: other.id }));
    expect(page.entries).toHaveLength(0);
  });

  it('shows managers and agents nothing', async () => {
    const org = await organization('admin', 'manager', 'agent');
    await record(org, 'not-for-managers');
    for (const role of ['manager', 'agent'] as const) {
      const rows = await withRls(claimsOf(org.member(role), org), (tx) => tx.query(`select id from integration_audit_logs`));
      expect(rows).toHaveLength(0);
    }
  });

  it('pages newest first without gaps or repeats', async () => {
    const org = await organization('admin');
    for (let i = 0; i < 7; i++) await record(org, `page-${i}`);
    const claims = claimsOf(org.member('admin'), org);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await withRls(claims, (tx) => auditPage(tx, { orgId: org.id }, { cursor }, 3));
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await db.owner.query<{ id: string }>(`select id::text from integration_audit_logs where org_id = $1 order by created_at desc, integration_audit_logs.id desc`, [org.id]);
    expect(all.rows).toHaveLength(7);
    expect(seen).toEqual(all.rows.map((r) => r.id));
  });
});

describe('immutability', () => {
  const roles = ['authenticated', 'service_role', 'anon'];
  it.each(roles)('%s cannot update, delete or truncate', async (role) => {
    for (const statement of [
      `update integration_audit_logs set outcome = 'failure'`,
      `delete from integration_audit_logs`,
      `truncate integration_audit_logs`,
      `update integration_audit_logs_archive set outcome = 'failure'`,
      `delete from integration_audit_logs_archive`,
    ]) {
      await db.owner.query('begin');
      try {
        await db.owner.query(`set local role ${role}`);
        await expect(db.owner.query(statement), `${role}: ${statement}`).rejects.toThrow(/permission denied/);
      } finally {
        await db.owner.query('rollback');
      }
    }
  });

  it('the table owner is refused too', async () => {
    await record(await organization('admin'), 'owner-test');
    for (const statement of [
      `update integration_audit_logs set outcome = 'failure'`,
      `delete from integration_audit_logs`,
      `truncate integration_audit_logs`,
    ]) {
      await expect(db.owner.query(statement)).rejects.toThrow(/append-only/);
    }
  });
});

describe('verification and retention', () => {
  it('finds the first row edited directly by a superuser', async () => {
    const org = await organization('admin');
    await record(org, 'tamper-1');
    await record(org, 'tamper-2');
    expect((await verifyAuditChains()).problems).toEqual([]);

    const victim = await db.owner.query<{ id: string }>(`select id::text from integration_audit_logs where org_id = $1 and target_id = 'tamper-1'`, [org.id]);
    const where = `org_id = '${org.id}' and target_id = 'tamper-1'`;
    await tamper(`update integration_audit_logs set outcome = 'failure' where ${where}`);
    try {
      const { problems } = await verifyAuditChains();
      expect(problems).toEqual([expect.objectContaining({ chain: org.id, id: victim.rows[0]!.id, reason: 'was changed after it was written' })]);
    } finally {
      await tamper(`update integration_audit_logs set outcome = 'success' where ${where}`);
    }
    expect((await verifyAuditChains()).problems).toEqual([]);
  });

  it('finds a deleted row', async () => {
    const org = await organization('admin');
    await record(org, 'delete-me');
    await record(org, 'after-deleted');
    const where = `org_id = '${org.id}' and target_id = 'delete-me'`;
    // The copy keeps microseconds, which a round trip through JS would not, so the row goes back exactly as it was.
    await db.owner.query(`create temp table saved_row as select * from integration_audit_logs where ${where}`);
    try {
      await tamper(`delete from integration_audit_logs where ${where}`);
      try {
        const { problems } = await verifyAuditChains();
        expect(problems).toEqual([expect.objectContaining({ chain: org.id, reason: expect.stringMatching(/is missing/) })]);
      } finally {
        await tamper(`insert into integration_audit_logs overriding system value select * from saved_row`);
      }
    } finally {
      await db.owner.query(`drop table saved_row`);
    }
    expect((await verifyAuditChains()).problems).toEqual([]);
  });

  it('archiving moves old rows and the chains stay verifiable', async () => {
    const org = await organization('admin');
    for (let i = 0; i < 3; i++) await record(org, `before-archive-${i}`);
    const before = await db.owner.query<{ n: number }>(`select count(*)::int n from integration_audit_logs`);
    const moved = await archiveAuditEntries(0, 4); // everything older than now, four rows per batch
    expect(moved).toBe(before.rows[0]!.n);
    const archived = await db.owner.query<{ n: number }>(`select count(*)::int n from integration_audit_logs_archive`);
    expect(archived.rows[0]!.n).toBeGreaterThanOrEqual(moved);
    const own = await db.owner.query<{ n: number }>(`select count(*)::int n from integration_audit_logs_archive where org_id = $1`, [org.id]);
    expect(own.rows[0]!.n).toBe(3);
    expect((await db.owner.query(`select 1 from integration_audit_logs where org_id = $1`, [org.id])).rowCount).toBe(0);
    const system = await withElevated('audit.verify', (tx) =>
      tx.query<{ metadata: { archived: number } }>(`select metadata from integration_audit_logs where action = 'audit.archived'`),
    );
    expect(system.at(-1)?.metadata.archived).toBe(moved);
    await record(org, 'after-archive');
    expect((await verifyAuditChains()).problems).toEqual([]);
  });
});
