import { describe, expect, it } from 'vitest';
import { seededDatabase } from '@/tests/db';
import { withElevated, withRls, type RlsClaims } from '@/lib/db/rls';
import { writeAudit, type AuditActor } from './write';
import { auditPage } from './query';
import { verifyAuditChains } from './verify';
import { archiveAuditEntries } from './retention';

const db = seededDatabase();

const claimsFor = (email: string, slug: 'acme' | 'globex', role: 'admin' | 'manager' | 'agent'): RlsClaims => ({
  userId: db.seeded.users[email]!,
  orgId: db.seeded.orgs[slug],
  orgRole: role,
  isSuperadmin: false,
});
const actorFor = (email: string): AuditActor => ({ type: 'user', id: db.seeded.users[email]!, label: email });

async function record(email: string, slug: 'acme' | 'globex', targetId: string) {
  await withRls(claimsFor(email, slug, 'admin'), (tx) =>
    writeAudit(tx, actorFor(email), { action: 'member.role_changed', orgId: db.seeded.orgs[slug], targetType: 'membership', targetId }),
  );
}

describe('writing', () => {
  it('commits with the change it records, or not at all', async () => {
    const marker = `rolled-back-${Date.now()}`;
    await expect(
      withRls(claimsFor('admin@acme.example', 'acme', 'admin'), async (tx) => {
        await writeAudit(tx, actorFor('admin@acme.example'), { action: 'member.role_changed', orgId: db.seeded.orgs.acme, targetId: marker });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await db.owner.query(`select 1 from integration_audit_logs where target_id = $1`, [marker]);
    expect(rows.rowCount).toBe(0);
  });

  it('refuses to write as someone else or into another organization', async () => {
    await expect(
      withRls(claimsFor('admin@acme.example', 'acme', 'admin'), (tx) =>
        writeAudit(tx, actorFor('admin@acme.example'), { action: 'member.role_changed', orgId: db.seeded.orgs.globex }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withRls(claimsFor('admin@acme.example', 'acme', 'admin'), (tx) =>
        writeAudit(tx, actorFor('admin@globex.example'), { action: 'member.role_changed', orgId: db.seeded.orgs.acme }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('refuses metadata that could hold a secret', async () => {
    for (const key of ['password', 'apiKey', 'access_token', 'client_secret', 'authorization']) {
      await expect(
        withRls(claimsFor('admin@acme.example', 'acme', 'admin'), (tx) =>
          writeAudit(tx, actorFor('admin@acme.example'), { action: 'member.role_changed', orgId: db.seeded.orgs.acme, metadata: { [key]: 'x' } }),
        ),
      ).rejects.toThrow(/not allowed/);
    }
  });
});

describe('reading', () => {
  it("shows an admin only their organization's events", async () => {
    await record('admin@acme.example', 'acme', 'acme-target');
    await record('admin@globex.example', 'globex', 'globex-target');
    const acme = await withRls(claimsFor('admin@acme.example', 'acme', 'admin'), (tx) =>
      tx.query<{ org_id: string }>(`select org_id from integration_audit_logs`),
    );
    expect(acme.length).toBeGreaterThan(0);
    expect(new Set(acme.map((r) => r.org_id))).toEqual(new Set([db.seeded.orgs.acme]));
    // Asking for the other organization explicitly, with the app's own scope check skipped, finds nothing.
    const page = await withRls(claimsFor('admin@acme.example', 'acme', 'admin'), (tx) =>
      auditPage(tx, { allOrgs: true }, { org: db.seeded.orgs.globex }),
    );
    expect(page.entries).toHaveLength(0);
  });

  it('shows managers and agents nothing', async () => {
    await record('admin@acme.example', 'acme', 'not-for-managers');
    for (const [email, role] of [['manager@acme.example', 'manager'], ['agent@acme.example', 'agent']] as const) {
      const rows = await withRls(claimsFor(email, 'acme', role), (tx) => tx.query(`select id from integration_audit_logs`));
      expect(rows).toHaveLength(0);
    }
  });

  it('pages newest first without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await record('admin@acme.example', 'acme', `page-${i}`);
    const claims = claimsFor('admin@acme.example', 'acme', 'admin');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await withRls(claims, (tx) => auditPage(tx, { orgId: db.seeded.orgs.acme }, { cursor }, 3));
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await db.owner.query<{ id: string }>(`select id::text from integration_audit_logs where org_id = $1 order by created_at desc, id desc`, [db.seeded.orgs.acme]);
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
    await record('admin@acme.example', 'acme', 'owner-test');
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
    await record('admin@globex.example', 'globex', 'tamper-1');
    await record('admin@globex.example', 'globex', 'tamper-2');
    expect((await verifyAuditChains()).problems).toEqual([]);

    const victim = await db.owner.query<{ id: string }>(`select id::text from integration_audit_logs where target_id = 'tamper-1'`);
    await db.owner.query('begin');
    await db.owner.query(`set local session_replication_role = replica`); // switches the refusing triggers off
    await db.owner.query(`update integration_audit_logs set outcome = 'failure' where target_id = 'tamper-1'`);
    await db.owner.query('commit');

    const { problems } = await verifyAuditChains();
    expect(problems).toEqual([
      expect.objectContaining({ chain: db.seeded.orgs.globex, id: victim.rows[0]!.id, reason: 'was changed after it was written' }),
    ]);

    await db.owner.query('begin');
    await db.owner.query(`set local session_replication_role = replica`);
    await db.owner.query(`update integration_audit_logs set outcome = 'success' where target_id = 'tamper-1'`);
    await db.owner.query('commit');
    expect((await verifyAuditChains()).problems).toEqual([]);
  });

  it('finds a deleted row', async () => {
    await record('admin@acme.example', 'acme', 'delete-me');
    await record('admin@acme.example', 'acme', 'after-deleted');
    await db.owner.query(`create temp table saved_row as select * from integration_audit_logs where target_id = 'delete-me'`);
    await db.owner.query('begin');
    await db.owner.query(`set local session_replication_role = replica`);
    await db.owner.query(`delete from integration_audit_logs where target_id = 'delete-me'`);
    await db.owner.query('commit');
    const { problems } = await verifyAuditChains();
    expect(problems).toEqual([expect.objectContaining({ chain: db.seeded.orgs.acme, reason: expect.stringMatching(/is missing/) })]);
    // Put it back exactly as it was (the copy keeps microseconds, which a round trip through JS would not).
    await db.owner.query('begin');
    await db.owner.query(`set local session_replication_role = replica`);
    await db.owner.query(`insert into integration_audit_logs overriding system value select * from saved_row`);
    await db.owner.query('commit');
    await db.owner.query(`drop table saved_row`);
    expect((await verifyAuditChains()).problems).toEqual([]);
  });

  it('archiving moves old rows and the chains stay verifiable', async () => {
    const before = await db.owner.query<{ n: number }>(`select count(*)::int n from integration_audit_logs`);
    const moved = await archiveAuditEntries(0, 4); // everything older than now, four rows per batch
    expect(moved).toBe(before.rows[0]!.n);
    const archived = await db.owner.query<{ n: number }>(`select count(*)::int n from integration_audit_logs_archive`);
    expect(archived.rows[0]!.n).toBeGreaterThanOrEqual(moved);
    const system = await withElevated('audit.verify', (tx) =>
      tx.query<{ metadata: { archived: number } }>(`select metadata from integration_audit_logs where action = 'audit.archived'`),
    );
    expect(system.at(-1)?.metadata.archived).toBe(moved);
    await record('admin@acme.example', 'acme', 'after-archive');
    expect((await verifyAuditChains()).problems).toEqual([]);
  });
});
