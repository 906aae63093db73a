import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase } from '@/tests/db';
import { simulatorForTests } from '@/tests/simulator';
import { AppError } from '@/lib/http/errors';
import { saveIntegration as saveParsed } from '@/lib/integrations/write';
import { saveIntegrationSchema } from '@/lib/validations/integrations';
import { numberHistory } from './history';
import { assignNumber, listNumbers } from './numbers';
import { latestSyncs, syncNumbers } from './sync';

const db = seededDatabase();
/** Saves as the API would, after parsing the body. */
const saveIntegration = (actor: Parameters<typeof saveParsed>[0], type: string, body: unknown) => saveParsed(actor, type, saveIntegrationSchema.parse(body));
simulatorForTests({ PROVIDER_TEST_TIMEOUT_MS: '3000' });

const exotel = (sid: string) => ({ credentials: { account_sid: sid, api_key: 'key-1234567890ab', api_token: 'token-good-9876', region: 'in', virtual_number: '01141169368' } });
const rows = async (orgId: string) =>
  (await db.owner.query(`select phone_number, display_name, number_type, can_call, can_sms, is_active, assigned_to_user_id, version, synced_at from organization_phone_numbers where organization_id = $1 order by phone_number`, [orgId])).rows;

async function expectAppError(promise: Promise<unknown>, status: number) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  return error as AppError;
}

describe('syncing numbers', () => {
  it('is idempotent: a second run changes nothing', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    await saveIntegration(admin, 'exotel_phone', exotel('sync-size5'));
    const first = await syncNumbers(admin, 'exotel_phone');
    expect(first).toMatchObject({ status: 'succeeded', listed: 5, added: 5, updated: 0, deactivated: 0 });
    const before = await rows(org.id);
    expect(before).toHaveLength(5);
    expect(before.every((r) => /^\+91114\d{7}$/.test(r.phone_number) && r.number_type === 'virtual' && r.is_active)).toBe(true);
    const second = await syncNumbers(admin, 'exotel_phone');
    expect(second).toMatchObject({ status: 'succeeded', listed: 5, added: 0, updated: 0, deactivated: 0 });
    expect(await rows(org.id)).toEqual(before);
  });

  it('makes numbers gone upstream inactive (unassigning them, with history), never deleting them', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const admin = org.member('admin').actor;
    const agent = org.member('agent');
    await saveIntegration(admin, 'exotel_phone', exotel('sync-size5'));
    await syncNumbers(admin, 'exotel_phone');
    const { numbers } = await listNumbers(admin, {});
    const last = numbers.at(-1)!;
    await assignNumber(admin, last.id, { user_id: agent.userId });
    await saveIntegration(admin, 'exotel_phone', exotel('sync-size3'));
    const shrunk = await syncNumbers(admin, 'exotel_phone');
    expect(shrunk).toMatchObject({ listed: 3, added: 0, deactivated: 2 });
    const after = await rows(org.id);
    expect(after).toHaveLength(5);
    expect(after.filter((r) => !r.is_active)).toHaveLength(2);
    const gone = after.find((r) => r.phone_number === last.phone_number)!;
    expect(gone).toMatchObject({ is_active: false, assigned_to_user_id: null });
    expect((await numberHistory(admin, last.id))[0]).toMatchObject({ reason: 'number_inactive', from: agent.name, to: null });
    const history = await db.owner.query(`select previous_user_label from phone_number_assignments where phone_number_id = $1 and reason = 'number_inactive'`, [last.id]);
    expect(history.rows).toEqual([{ previous_user_label: agent.name }]);
    const audit = await db.owner.query(`select metadata from integration_audit_logs where org_id = $1 and action = 'phone_number.unassigned'`, [org.id]);
    expect(audit.rows).toEqual([{ metadata: { number: last.phone_number, reason: 'number_inactive' } }]);
    await expectAppError(assignNumber(admin, last.id, { user_id: agent.userId }), 422);
    // Back again upstream: active again.
    await saveIntegration(admin, 'exotel_phone', exotel('sync-size5'));
    expect(await syncNumbers(admin, 'exotel_phone')).toMatchObject({ updated: 2, deactivated: 0 });
  });

  it('syncs 5,000 numbers with its progress readable while it runs, one run at a time', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    await saveIntegration(admin, 'exotel_phone', exotel('sync-size5000'));
    const seen: { status: string; listed: number; processed: number }[] = [];
    let done = false;
    const running = syncNumbers(admin, 'exotel_phone').finally(() => {
      done = true;
    });
    while (!done) {
      const current = (await latestSyncs(admin)).find((s) => s.source === 'exotel_phone');
      if (current) seen.push(current);
      await new Promise((r) => setTimeout(r, 10));
    }
    const result = await running;
    expect(result).toMatchObject({ status: 'succeeded', listed: 5000, processed: 5000 });
    expect(result.added + result.updated).toBeGreaterThanOrEqual(4995);
    expect(seen.some((s) => s.status === 'running')).toBe(true);
    expect((await listNumbers(admin, { status: 'all' })).total).toBe(5000);
    // A second sync while one runs is refused.
    await db.owner.query(`insert into phone_number_syncs (organization_id, source, status) values ($1, 'exotel_phone', 'running')`, [org.id]);
    await expectAppError(syncNumbers(admin, 'exotel_phone'), 409);
  }, 60_000);

  it('keeps one row for a number two providers list, each setting only its own capabilities', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin').actor;
    await saveIntegration(admin, 'meta_whatsapp', {
      credentials: { waba_id: '102290129340398', phone_number_id: '106540352242922', access_token: 'EAAsimulatorGoodToken0001' },
      save_unverified: true,
    });
    expect(await syncNumbers(admin, 'meta_whatsapp')).toMatchObject({ added: 1 });
    // The same line is also an ExoPhone with voice.
    await db.owner.query(`update organization_phone_numbers set source = 'exotel_phone', can_call = true, can_whatsapp = false where organization_id = $1`, [org.id]);
    expect(await syncNumbers(admin, 'meta_whatsapp')).toMatchObject({ added: 0, updated: 1, deactivated: 0 });
    const row = (await db.owner.query(`select source, can_call, can_whatsapp, is_active from organization_phone_numbers where organization_id = $1`, [org.id])).rows;
    expect(row).toEqual([{ source: 'exotel_phone', can_call: true, can_whatsapp: true, is_active: true }]);
    expect(await syncNumbers(admin, 'meta_whatsapp')).toMatchObject({ added: 0, updated: 0, deactivated: 0 });
  });

  it('is for admins only, and only for providers with numbers', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    await expectAppError(syncNumbers(org.member('manager').actor, 'exotel_phone'), 403);
    await expectAppError(syncNumbers(org.member('agent').actor, 'exotel_phone'), 403);
    await expectAppError(syncNumbers(org.member('admin').actor, 'stripe'), 404);
    expect(await latestSyncs(org.member('agent').actor)).toEqual([]);
  });
});
