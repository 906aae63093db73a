import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshMember, type FreshOrganization } from '@/tests/db';
import { withRls, type OrgRole, type RlsClaims } from '@/lib/db/rls';
import { writeAudit } from './write';
import { auditDailyCounts, type DailyCount } from './query';
import { archiveAuditEntries } from './retention';

// The daily chart reads counters the trail's triggers keep; they must say what counting the trail says,
// and show each reader only what the trail itself would.

const db = seededDatabase();
const organization = (...members: OrgRole[]) => freshOrganization(db.owner, { members });
const claimsOf = (member: FreshMember, org: FreshOrganization): RlsClaims => ({ userId: member.userId, orgId: org.id, orgRole: member.role, isSuperadmin: false });
const today = () => new Date().toISOString().slice(0, 10);
const on = (days: DailyCount[], day: string) => days.find((d) => d.day === day) ?? { day, success: 0, failure: 0, denied: 0 };

async function record(org: FreshOrganization, n: number, outcome: 'success' | 'failure' = 'success') {
  const admin = org.member('admin');
  await withRls(claimsOf(admin, org), async (tx) => {
    for (let i = 0; i < n; i++) {
      await writeAudit(tx, { type: 'user', id: admin.userId, label: admin.email }, { action: 'member.role_changed', orgId: org.id, outcome, targetId: `t${i}` });
    }
  });
}

describe('daily counts', () => {
  it('match counting the trail, with and without filters', async () => {
    const org = await organization('admin');
    await record(org, 3);
    await record(org, 2, 'failure');
    const admin = org.member('admin');
    const [counted, filtered] = await withRls(claimsOf(admin, org), async (tx) => [
      await auditDailyCounts(tx, { orgId: org.id }, {}),
      // An action filter is not kept by the counters: the chart counts the rows themselves.
      await auditDailyCounts(tx, { orgId: org.id }, { action: 'member.role_changed' }),
    ]);
    expect(on(counted, today())).toEqual({ day: today(), success: 3, failure: 2, denied: 0 });
    expect(on(filtered, today())).toEqual(on(counted, today()));
    expect(counted).toHaveLength(30);
  });

  it("never show another organization's counts", async () => {
    const [org, other] = [await organization('admin', 'manager'), await organization('admin')];
    await record(org, 1);
    await record(other, 4);
    const admin = org.member('admin');
    await withRls(claimsOf(admin, org), async (tx) => {
      // A scope naming the other organization reads nothing: RLS keeps its counters out of reach.
      expect(on(await auditDailyCounts(tx, { orgId: other.id }, {}), today())).toEqual({ day: today(), success: 0, failure: 0, denied: 0 });
      // Nor do the platform totals, which are for superadmins.
      expect(await tx.query(`select 1 from public.audit_daily_totals`)).toEqual([]);
      const orgs = await tx.query<{ org_id: string }>(`select distinct org_id from public.audit_daily_counts`);
      expect(orgs.map((r) => r.org_id)).toEqual([org.id]);
    });
    // A manager does not read the trail, so not its counts either.
    await withRls(claimsOf(org.member('manager'), org), async (tx) => {
      expect(await tx.query(`select 1 from public.audit_daily_counts`)).toEqual([]);
    });
  });

  it('give superadmins the platform totals, the same as counting every row', async () => {
    const org = await organization('admin');
    await record(org, 2);
    const superadmin = db.seeded.users['superadmin@switchboard.example']!;
    const claims: RlsClaims = { userId: superadmin, orgId: null, orgRole: null, isSuperadmin: true };
    const days = await withRls(claims, (tx) => auditDailyCounts(tx, { allOrgs: true }, {}));
    const raw = await db.owner.query<{ outcome: 'success' | 'failure' | 'denied'; n: number }>(
      `select outcome, count(*)::int as n from integration_audit_logs where (created_at at time zone 'UTC')::date = $1::date group by 1`,
      [today()],
    );
    const expected = { day: today(), success: 0, failure: 0, denied: 0 };
    for (const r of raw.rows) expected[r.outcome] = r.n;
    expect(on(days, today())).toEqual(expected);
    expect(expected.success).toBeGreaterThanOrEqual(2);
  });

  it('go down when the retention job archives rows', async () => {
    const org = await organization('admin');
    await record(org, 3);
    await archiveAuditEntries(0);
    const left = await db.owner.query<{ n: number }>(`select coalesce(sum(n), 0)::int as n from audit_daily_counts where org_id = $1`, [org.id]);
    expect(left.rows[0]!.n).toBe(0);
  });
});
