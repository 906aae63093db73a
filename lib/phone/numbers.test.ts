import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { AppError } from '@/lib/http/errors';
import { numberHistory } from './history';
import { assignNumber, listNumbers, setPrimaryNumber } from './numbers';

const db = seededDatabase();

/** Numbers as a sync would have left them, written straight to the organization. */
async function numbersOf(org: FreshOrganization, count: number): Promise<{ id: string; phone_number: string; version: number }[]> {
  const phones = Array.from({ length: count }, (_, i) => `+9111400000${String(i).padStart(2, '0')}`);
  const { rows } = await db.owner.query<{ id: string; phone_number: string; version: number }>(
    `insert into organization_phone_numbers (organization_id, source, external_id, phone_number, synced_at)
     select $1, 'exotel_phone', 'ext-' || p, p, now() from unnest($2::text[]) p
     returning id, phone_number, version`,
    [org.id, phones],
  );
  return rows.sort((a, b) => a.phone_number.localeCompare(b.phone_number));
}

async function expectAppError(promise: Promise<unknown>, status: number) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  return error as AppError;
}

describe('assigning numbers', () => {
  it('lets team leads assign to members only, and agents see just their own', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const other = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const [lead, agent] = [org.member('manager'), org.member('agent')];
    const [first, second] = await numbersOf(org, 2);
    await assignNumber(lead.actor, first!.id, { user_id: agent.userId });
    const foreign = await expectAppError(assignNumber(lead.actor, second!.id, { user_id: other.member('agent').userId }), 422);
    expect(foreign.message).toMatch(/not a member/);
    await expectAppError(assignNumber(agent.actor, second!.id, { user_id: agent.userId }), 403);
    await expectAppError(assignNumber(other.member('admin').actor, first!.id, { user_id: null }), 404);

    const mine = await listNumbers(agent.actor, {});
    expect(mine.numbers.map((n) => n.id)).toEqual([first!.id]);
    expect(mine.numbers[0]!.assignee).toEqual({ name: agent.name, email: agent.email });
    await assignNumber(lead.actor, first!.id, { user_id: null });
    expect((await listNumbers(agent.actor, {})).numbers).toEqual([]);
  });

  it('lets exactly one of two racing assignments win, and tells the other who holds it', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const [admin, lead, agent] = [org.member('admin'), org.member('manager'), org.member('agent')];
    const [target] = await numbersOf(org, 1);
    const results = await Promise.allSettled([
      assignNumber(lead.actor, target!.id, { user_id: agent.userId }),
      assignNumber(admin.actor, target!.id, { user_id: lead.userId }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as AppError).status).toBe(409);
    expect((lost[0]!.reason as AppError).message).toMatch(new RegExp(`already assigned to (${agent.name}|${lead.name})`));
    // A stale version is refused too, naming the holder.
    const stale = await expectAppError(assignNumber(admin.actor, target!.id, { user_id: null, expected_version: target!.version }), 409);
    expect(stale.message).toMatch(/now assigned to/);
  });

  it('records an unassignment with the holder’s name, in the history and the audit trail', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const [admin, agent] = [org.member('admin'), org.member('agent')];
    const [number] = await numbersOf(org, 1);
    await assignNumber(admin.actor, number!.id, { user_id: agent.userId });
    expect((await assignNumber(admin.actor, number!.id, { user_id: null })).changed).toBe(true);
    expect((await assignNumber(admin.actor, number!.id, { user_id: null })).changed).toBe(false);

    expect(await numberHistory(admin.actor, number!.id)).toMatchObject([
      { reason: 'unassigned', from: agent.name, to: null, by: admin.name },
      { reason: 'assigned', from: null, to: agent.name, by: admin.name },
    ]);
    const history = await db.owner.query(`select reason, user_label, previous_user_label from phone_number_assignments where phone_number_id = $1 order by id`, [number!.id]);
    expect(history.rows).toEqual([
      { reason: 'assigned', user_label: agent.name, previous_user_label: null },
      { reason: 'unassigned', user_label: null, previous_user_label: agent.name },
    ]);
    const audit = await db.owner.query(`select action, metadata from integration_audit_logs where org_id = $1 order by id`, [org.id]);
    expect(audit.rows).toEqual([
      { action: 'phone_number.assigned', metadata: { number: number!.phone_number, member: agent.email, previous: 'unassigned' } },
      { action: 'phone_number.unassigned', metadata: { number: number!.phone_number, previous: 'assigned' } },
    ]);
    await expectAppError(numberHistory(agent.actor, number!.id), 403);
    // Another organization's admin learns nothing about the number, not even that it has no history.
    const other = await freshOrganization(db.owner, { members: ['admin'] });
    await expectAppError(numberHistory(other.member('admin').actor, number!.id), 404);
  });
});

describe('the primary number', () => {
  it('stays one, even when two are chosen at once', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const [first, second] = await numbersOf(org, 2);
    await Promise.all([setPrimaryNumber(org.member('admin').actor, first!.id), setPrimaryNumber(org.member('manager').actor, second!.id)]);
    const primaries = (await db.owner.query(`select id from organization_phone_numbers where organization_id = $1 and is_primary`, [org.id])).rows;
    expect(primaries).toHaveLength(1);
    expect((await setPrimaryNumber(org.member('admin').actor, primaries[0].id)).changed).toBe(false);
    await expectAppError(setPrimaryNumber(org.member('agent').actor, first!.id), 403);
  });
});
