import { afterAll, describe, expect, it } from 'vitest';
import { memberContext, seededDatabase } from '@/tests/db';
import { simulatorForTests } from '@/tests/simulator';
import { actorFromSession, type Actor } from '@/lib/auth/actor';
import type { OrgRole } from '@/lib/db/rls';
import { AppError } from '@/lib/http/errors';
import { saveIntegration } from '@/lib/integrations/write';
import { addMember, removeMember } from '@/lib/team/members';
import { normalizePhone } from './normalize';
import { assignNumber, latestSyncs, listNumbers, numberHistory, setPrimaryNumber, syncNumbers } from './service';

const db = seededDatabase();
simulatorForTests({ PROVIDER_TEST_TIMEOUT_MS: '3000' });

afterAll(async () => {
  await db.owner.query(`delete from organization_phone_numbers`);
  await db.owner.query(`delete from phone_number_syncs`);
  await db.owner.query(`delete from integration_credentials`);
});

const ctxOf = (email: string, slug: 'acme' | 'globex', role: OrgRole) => memberContext(db.seeded, email, slug, role);
const actor = (email: string, slug: 'acme' | 'globex', role: OrgRole): Actor => actorFromSession(ctxOf(email, slug, role));
const admin = () => actor('admin@acme.example', 'acme', 'admin');
const lead = () => actor('manager@acme.example', 'acme', 'manager');
const agent = () => actor('agent@acme.example', 'acme', 'agent');
const exotel = (sid: string) => ({ credentials: { account_sid: sid, api_key: 'key-1234567890ab', api_token: 'token-good-9876', region: 'in', virtual_number: '01141169368' }, save_unverified: false });
const rows = async () =>
  (await db.owner.query(`select phone_number, display_name, number_type, can_call, can_sms, is_active, assigned_to_user_id, version, synced_at from organization_phone_numbers where organization_id = $1 order by phone_number`, [db.seeded.orgs.acme])).rows;

async function expectAppError(promise: Promise<unknown>, status: number) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  return error as AppError;
}

describe('phone number normalisation', () => {
  it('reads spaces, a leading 0, +91 and 0091 as one E.164 number', () => {
    for (const input of ['011 4116 9368', '01141169368', '+91 11 4116 9368', '0091 11 4116 9368', '+91-11-4116-9368', '(011) 4116 9368']) {
      expect(normalizePhone(input, 'IN'), input).toMatchObject({ ok: true, e164: '+911141169368' });
    }
  });

  it('explains what is wrong with numbers it cannot read', () => {
    expect(normalizePhone('', 'IN')).toEqual({ ok: false, message: 'Enter a phone number.' });
    expect(normalizePhone('call me', 'IN')).toMatchObject({ ok: false, message: expect.stringMatching(/only digits/) });
    expect(normalizePhone('12345', 'IN')).toMatchObject({ ok: false, message: expect.stringMatching(/not a valid IN number/) });
  });
});

describe('syncing numbers', () => {
  it('is idempotent: a second run changes nothing', async () => {
    await saveIntegration(admin(), 'exotel_phone', exotel('acme-size5'));
    const first = await syncNumbers(admin(), 'exotel_phone');
    expect(first).toMatchObject({ status: 'succeeded', listed: 5, added: 5, updated: 0, deactivated: 0 });
    const before = await rows();
    expect(before).toHaveLength(5);
    expect(before.every((r) => /^\+91114\d{7}$/.test(r.phone_number) && r.number_type === 'virtual' && r.is_active)).toBe(true);
    const second = await syncNumbers(admin(), 'exotel_phone');
    expect(second).toMatchObject({ status: 'succeeded', listed: 5, added: 0, updated: 0, deactivated: 0 });
    expect(await rows()).toEqual(before);
  });

  it('makes numbers gone upstream inactive (unassigning them, with history), never deleting them', async () => {
    const { numbers } = await listNumbers(admin(), {});
    const last = numbers.at(-1)!;
    await assignNumber(admin(), last.id, { user_id: db.seeded.users['agent@acme.example']! });
    await saveIntegration(admin(), 'exotel_phone', exotel('acme-size3'));
    const shrunk = await syncNumbers(admin(), 'exotel_phone');
    expect(shrunk).toMatchObject({ listed: 3, added: 0, deactivated: 2 });
    const after = await rows();
    expect(after).toHaveLength(5);
    expect(after.filter((r) => !r.is_active)).toHaveLength(2);
    const gone = after.find((r) => r.phone_number === last.phone_number)!;
    expect(gone).toMatchObject({ is_active: false, assigned_to_user_id: null });
    expect((await numberHistory(admin(), last.id))[0]).toMatchObject({ reason: 'number_inactive', from: 'Ana Agent', to: null });
    await expectAppError(assignNumber(admin(), last.id, { user_id: db.seeded.users['agent@acme.example']! }), 422);
    // Back again upstream: active again.
    await saveIntegration(admin(), 'exotel_phone', exotel('acme-size5'));
    expect(await syncNumbers(admin(), 'exotel_phone')).toMatchObject({ updated: 2, deactivated: 0 });
  });

  it('syncs 5,000 numbers with its progress readable while it runs', async () => {
    await saveIntegration(admin(), 'exotel_phone', exotel('acme-size5000'));
    const seen: { status: string; listed: number; processed: number }[] = [];
    let done = false;
    const running = syncNumbers(admin(), 'exotel_phone').finally(() => {
      done = true;
    });
    while (!done) {
      const current = (await latestSyncs(admin())).find((s) => s.source === 'exotel_phone');
      if (current) seen.push(current);
      await new Promise((r) => setTimeout(r, 10));
    }
    const result = await running;
    expect(result).toMatchObject({ status: 'succeeded', listed: 5000, processed: 5000 });
    expect(result.added + result.updated).toBeGreaterThanOrEqual(4995);
    expect(seen.some((s) => s.status === 'running')).toBe(true);
    expect((await listNumbers(admin(), { status: 'all' })).total).toBe(5000);
    // A second sync while one runs is refused.
    await db.owner.query(`insert into phone_number_syncs (organization_id, source, status) values ($1, 'exotel_phone', 'running')`, [db.seeded.orgs.acme]);
    await expectAppError(syncNumbers(admin(), 'exotel_phone'), 409);
    await db.owner.query(`delete from phone_number_syncs where status = 'running'`);
    // Back to a small list for the tests below.
    await saveIntegration(admin(), 'exotel_phone', exotel('acme-size5'));
    await syncNumbers(admin(), 'exotel_phone');
    await db.owner.query(`delete from organization_phone_numbers where organization_id = $1 and not is_active`, [db.seeded.orgs.acme]);
  }, 60_000);

  it('keeps one row for a number two providers list, each setting only its own capabilities', async () => {
    const globexAdmin = actor('admin@globex.example', 'globex', 'admin');
    await saveIntegration(globexAdmin, 'meta_whatsapp', {
      credentials: { waba_id: '102290129340398', phone_number_id: '106540352242922', access_token: 'EAAsimulatorGoodToken0001' },
      save_unverified: true,
    });
    expect(await syncNumbers(globexAdmin, 'meta_whatsapp')).toMatchObject({ added: 1 });
    // The same line is also an ExoPhone with voice.
    await db.owner.query(`update organization_phone_numbers set source = 'exotel_phone', can_call = true, can_whatsapp = false where organization_id = $1`, [db.seeded.orgs.globex]);
    expect(await syncNumbers(globexAdmin, 'meta_whatsapp')).toMatchObject({ added: 0, updated: 1, deactivated: 0 });
    const row = (await db.owner.query(`select source, can_call, can_whatsapp, is_active from organization_phone_numbers where organization_id = $1`, [db.seeded.orgs.globex])).rows;
    expect(row).toEqual([{ source: 'exotel_phone', can_call: true, can_whatsapp: true, is_active: true }]);
    expect(await syncNumbers(globexAdmin, 'meta_whatsapp')).toMatchObject({ added: 0, updated: 0, deactivated: 0 });
    await db.owner.query(`delete from organization_phone_numbers where organization_id = $1`, [db.seeded.orgs.globex]);
  });

  it('refuses a sync by a team lead and for a provider without numbers', async () => {
    await expectAppError(syncNumbers(lead(), 'exotel_phone'), 403);
    await expectAppError(syncNumbers(admin(), 'stripe'), 404);
  });
});

describe('assigning numbers', () => {
  it('lets team leads assign to members only, and agents see just their own', async () => {
    const { numbers } = await listNumbers(lead(), {});
    const [first, second] = numbers;
    await assignNumber(lead(), first!.id, { user_id: db.seeded.users['agent@acme.example']! });
    const foreign = await expectAppError(assignNumber(lead(), second!.id, { user_id: db.seeded.users['agent@globex.example']! }), 422);
    expect(foreign.message).toMatch(/not a member/);
    await expectAppError(assignNumber(agent(), second!.id, { user_id: db.seeded.users['agent@acme.example']! }), 403);
    await expectAppError(assignNumber(actor('admin@globex.example', 'globex', 'admin'), first!.id, { user_id: null }), 404);

    const mine = await listNumbers(agent(), {});
    expect(mine.numbers.map((n) => n.id)).toEqual([first!.id]);
    expect(mine.numbers[0]!.assignee).toEqual({ name: 'Ana Agent', email: 'agent@acme.example' });
    await assignNumber(lead(), first!.id, { user_id: null });
    expect((await listNumbers(agent(), {})).numbers).toEqual([]);
  });

  it('lets exactly one of two racing assignments win, and tells the other who holds it', async () => {
    const { numbers } = await listNumbers(admin(), { status: 'unassigned' });
    const target = numbers[0]!;
    const results = await Promise.allSettled([
      assignNumber(lead(), target.id, { user_id: db.seeded.users['agent@acme.example']! }),
      assignNumber(admin(), target.id, { user_id: db.seeded.users['manager@acme.example']! }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as AppError).status).toBe(409);
    expect((lost[0]!.reason as AppError).message).toMatch(/already assigned to (Ana Agent|Max Manager)/);
    // A stale version is refused too, naming the holder.
    const stale = await expectAppError(assignNumber(admin(), target.id, { user_id: null, expected_version: target.version }), 409);
    expect(stale.message).toMatch(/now assigned to/);
    await assignNumber(admin(), target.id, { user_id: null });
  });

  it('keeps one primary number, even when two are chosen at once', async () => {
    const { numbers } = await listNumbers(admin(), {});
    await Promise.all([setPrimaryNumber(admin(), numbers[0]!.id, {}), setPrimaryNumber(lead(), numbers[1]!.id, {})]);
    const primaries = (await db.owner.query(`select id from organization_phone_numbers where organization_id = $1 and is_primary`, [db.seeded.orgs.acme])).rows;
    expect(primaries).toHaveLength(1);
    expect((await setPrimaryNumber(admin(), primaries[0].id, {})).changed).toBe(false);
  });

  it('unassigns a removed member’s numbers in the same transaction, with history and audit', async () => {
    const agentId = db.seeded.users['agent@acme.example']!;
    const { numbers } = await listNumbers(admin(), { status: 'unassigned' });
    await assignNumber(admin(), numbers[0]!.id, { user_id: agentId });
    await assignNumber(admin(), numbers[1]!.id, { user_id: agentId });
    const admin$ = ctxOf('admin@acme.example', 'acme', 'admin');
    try {
      expect(await removeMember(admin$, db.seeded.memberships['agent@acme.example@acme']!)).toEqual({ unassigned: 2 });
      expect((await db.owner.query(`select count(*)::int n from organization_phone_numbers where assigned_to_user_id = $1`, [agentId])).rows[0].n).toBe(0);
      // Once removed, the member's name is no longer readable by the organization: history says "a former member".
      expect((await numberHistory(admin(), numbers[0]!.id))[0]).toMatchObject({ reason: 'member_removed', from: null });
      const audit = (await db.owner.query(`select action from integration_audit_logs where org_id = $1 order by id desc limit 3`, [db.seeded.orgs.acme])).rows.map((r) => r.action);
      expect(audit).toEqual(['member.removed', 'phone_number.unassigned', 'phone_number.unassigned']);
      await expectAppError(assignNumber(admin(), numbers[0]!.id, { user_id: agentId }), 422);
    } finally {
      await addMember(admin$, { email: 'agent@acme.example', role: 'agent' });
    }
    await expectAppError(addMember(admin$, { email: 'agent@acme.example', role: 'agent' }), 409);
    await expectAppError(addMember(admin$, { email: 'nobody@nowhere.example', role: 'agent' }), 404);
  });
});
