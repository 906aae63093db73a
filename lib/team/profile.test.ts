import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, userContextOf, type FreshMember, type FreshOrganization } from '@/tests/db';
import { withRls } from '@/lib/db/rls';
import { profileSchema, type ProfileInput } from '@/lib/validations/profile';
import { getProfile, ownPhone, phoneOfMember, updateProfile } from './profile';

const db = seededDatabase();

const stored = async (userId: string) =>
  (await db.owner.query<{ name: string; phone: string | null; version: number }>(`select name, phone, version from users where id = $1`, [userId])).rows[0]!;

const auditRows = async (userId: string) =>
  (
    await db.owner.query<{ org_id: string | null; changed_fields: string[]; row: Record<string, unknown> }>(
      `select org_id, changed_fields, to_jsonb(a) - 'hash' - 'prev_hash' as row
         from integration_audit_logs a where action = 'profile.updated' and target_id = $1 order by id`,
      [userId],
    )
  ).rows;

async function setUp(): Promise<{ org: FreshOrganization; agent: FreshMember; other: FreshMember }> {
  const org = await freshOrganization(db.owner, { members: ['agent', 'agent'] });
  return { org, agent: org.members[0]!, other: org.members[1]! };
}

const input = (member: FreshMember, values: Partial<ProfileInput>): ProfileInput => ({ name: member.name, phone: '', country: '', ...values });

describe('profile', () => {
  it('sets a number typed nationally with its country, as E.164, and records which field changed but not the number', async () => {
    const { org, agent } = await setUp();
    const ctx = userContextOf(agent, org);
    const before = await getProfile(ctx);
    expect(before).toMatchObject({ email: agent.email, phone: null, version: 1 });

    const { profile, changed } = await updateProfile(ctx, input(agent, { phone: '017-654 3210', country: 'MY', expected_version: 1 }));
    expect(changed).toEqual(['phone']);
    expect(profile).toMatchObject({ phone: '+60176543210', version: 2 });
    expect(await stored(agent.userId)).toMatchObject({ phone: '+60176543210', version: 2 });
    expect(await ownPhone(ctx)).toBe('+60176543210');

    const rows = await auditRows(agent.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ org_id: org.id, changed_fields: ['phone'] });
    expect(JSON.stringify(rows[0]!.row)).not.toMatch(/176\D?543\D?210|6543210/);
  });

  it('accepts international format with any country chosen, clears on an empty field, and writes nothing when nothing changes', async () => {
    const { org, agent } = await setUp();
    const ctx = userContextOf(agent, org);
    await updateProfile(ctx, input(agent, { phone: '+44 20 7946 0958', country: 'MY' }));
    expect((await stored(agent.userId)).phone).toBe('+442079460958');

    const same = await updateProfile(ctx, input(agent, { phone: '+442079460958', country: '' }));
    expect(same.changed).toEqual([]);
    expect(await auditRows(agent.userId)).toHaveLength(1);

    const cleared = await updateProfile(ctx, input(agent, { phone: '  ', country: 'MY' }));
    expect(cleared.changed).toEqual(['phone']);
    expect(await stored(agent.userId)).toMatchObject({ phone: null, version: 3 });

    const renamed = await updateProfile(ctx, input(agent, { name: '  Ana Renamed  ' }));
    expect(renamed.changed).toEqual(['name']);
    expect((await stored(agent.userId)).name).toBe('Ana Renamed');
    expect((await auditRows(agent.userId)).map((r) => r.changed_fields)).toEqual([['phone'], ['phone'], ['name']]);
  });

  it('refuses invalid values field by field, with messages a person can act on', async () => {
    const { org, agent } = await setUp();
    const fields = (values: Partial<ProfileInput>) => {
      const parsed = profileSchema.safeParse(input(agent, values));
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(fields({ phone: '012-345 6789' }).phone).toBe('Enter the number with its country code, e.g. +60 12-345 6789, or choose the country it belongs to.');
    expect(fields({ phone: '+60 12' }).phone).toMatch(/too short/);
    expect(fields({ phone: '012-345 6789 1234 5', country: 'MY' }).phone).toMatch(/too long in Malaysia/);
    expect(fields({ phone: '+999 123 4567' }).phone).toMatch(/country code does not exist/);
    expect(fields({ phone: 'call me' }).phone).toMatch(/only digits/);
    expect(fields({ phone: '+60 10-000 0000' }).phone).toMatch(/is not a valid Malaysia number/);
    expect(fields({ name: '   ' }).name).toBe('Enter your name.');
    expect(fields({ country: 'XX', phone: '012-345 6789' }).country).toBe('Choose a country from the list.');
    expect(fields({ phone: '+60 12-345 6789' })).toEqual({});

    // The service applies the same rules to whatever reaches it.
    await expect(updateProfile(userContextOf(agent, org), input(agent, { phone: '12345' }))).rejects.toMatchObject({
      status: 422,
      fields: { phone: [expect.stringContaining('country code')] },
    });
    expect((await stored(agent.userId)).phone).toBeNull();
  });

  it('refuses a form loaded before a newer save', async () => {
    const { org, agent } = await setUp();
    const ctx = userContextOf(agent, org);
    await updateProfile(ctx, input(agent, { phone: '+60 12-345 6789', expected_version: 1 }));
    await expect(updateProfile(ctx, input(agent, { phone: '+60 13-345 6789', expected_version: 1 }))).rejects.toMatchObject({ status: 409, code: 'conflict' });
    expect((await stored(agent.userId)).phone).toBe('+60123456789');
  });

  it("changes only the caller's own row, whatever ids the context or the input carry", async () => {
    const { org, agent, other } = await setUp();
    // An id in the input is not part of the schema: it is dropped, and the caller's own row changes.
    const sneaky = { ...input(agent, { phone: '+60 12-345 6789' }), user_id: other.userId } as ProfileInput;
    await updateProfile(userContextOf(agent, org), sneaky);
    expect((await stored(other.userId)).phone).toBeNull();
    expect((await stored(agent.userId)).phone).toBe('+60123456789');

    // A context naming the other member over the agent's database session: the write goes where
    // auth.uid() points, and the audit row naming someone else is refused, so nothing commits.
    const forged = { ...userContextOf(agent, org), user: { ...userContextOf(other, org).user } };
    await expect(updateProfile(forged, input(agent, { phone: '+60 13-345 6789' }))).rejects.toThrow(/row-level security/);
    expect((await stored(other.userId)).phone).toBeNull();
    expect((await stored(agent.userId)).phone).toBe('+60123456789');
  });

  it('RLS lets nobody else, superadmins included, read or write a member’s phone', async () => {
    const { org, agent, other } = await setUp();
    await db.owner.query(`update users set phone = '+60123456789' where id = $1`, [other.userId]);
    const asAgent = (sql: string, params: unknown[]) => withRls({ userId: agent.userId, orgId: org.id, orgRole: 'agent', isSuperadmin: false }, (tx) => tx.query(sql, params));
    expect(await asAgent(`update public.users set phone = '+60133456789' where id = $1 returning id`, [other.userId])).toEqual([]);
    expect(await asAgent(`update public.users set name = 'Taken over' where id = $1 returning id`, [other.userId])).toEqual([]);
    await expect(asAgent(`select phone from public.users where id = $1`, [other.userId])).rejects.toMatchObject({ code: '42501' });

    const superadminId = (await db.owner.query<{ id: string }>(`select id from users where is_superadmin limit 1`)).rows[0]!.id;
    const asSuperadmin = withRls({ userId: superadminId, orgId: null, orgRole: null, isSuperadmin: true }, (tx) =>
      tx.query(`update public.users set phone = '+60133456789' where id = $1 returning id`, [other.userId]),
    );
    expect(await asSuperadmin).toEqual([]);
    expect(await stored(other.userId)).toMatchObject({ phone: '+60123456789', name: other.name });
  });

  it('stores only E.164 shapes', async () => {
    const { agent } = await setUp();
    for (const bad of ['0123456789', '+0123456789', '+60 12 345 6789', '+1234567890123456']) {
      await expect(db.owner.query(`update users set phone = $1 where id = $2`, [bad, agent.userId])).rejects.toMatchObject({ code: '23514' });
    }
  });

  it('phoneOfMember finds a member’s own number in that organization only', async () => {
    const { org, agent, other } = await setUp();
    const elsewhere = await freshOrganization(db.owner, { members: ['agent'] });
    await updateProfile(userContextOf(agent, org), input(agent, { phone: '+60 12-345 6789' }));
    expect(await phoneOfMember(org.id, agent.userId)).toBe('+60123456789');
    expect(await phoneOfMember(org.id, other.userId)).toBeNull();
    expect(await phoneOfMember(elsewhere.id, agent.userId)).toBeNull();
    expect(await phoneOfMember('not-an-id', agent.userId)).toBeNull();
    await db.owner.query(`update organizations set status = 'suspended' where id = $1`, [org.id]);
    expect(await phoneOfMember(org.id, agent.userId)).toBeNull();
  });

  it('refuses someone in no organization (there is nothing for them to call from)', async () => {
    const { org, agent } = await setUp();
    const lone = { ...userContextOf(agent, org), memberships: [], active: null };
    await expect(getProfile(lone)).rejects.toMatchObject({ status: 403 });
    await expect(updateProfile(lone, input(agent, { phone: '+60 12-345 6789' }))).rejects.toMatchObject({ status: 403 });
  });
});
