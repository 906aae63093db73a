import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { AppError } from '@/lib/http/errors';
import { routeSchema } from '@/lib/validations/gateway-routing';
import { discardHeld } from './holds';
import { heldCount, heldCounts } from './held-count';
import { sendersOf, setRoute } from './routing';
import { routingOverview } from './routing-view';
import { callReadiness, sendTest } from './test-send';

const db = seededDatabase();
const organization = () => freshOrganization(db.owner, { members: ['admin', 'manager'] });
const admin = (org: FreshOrganization) => org.member('admin').actor;
const manager = (org: FreshOrganization) => org.member('manager').actor;

// SMS through Twilio with Exotel Phone behind it needs both providers' senders; until they exist
// these cases are skipped (and say so), and run as soon as the providers can send.
const smsSenders = ['twilio', 'exotel_phone'].every((id) => sendersOf('sms').some((p) => p.id === id));

async function expectAppError(promise: Promise<unknown>, status: number, field?: string): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (field) expect(Object.keys((error as AppError).fields ?? {})).toEqual([field]);
  return error as AppError;
}

const audits = async (org: FreshOrganization, action: string) =>
  (await db.owner.query<{ metadata: Record<string, unknown>; target_id: string }>(`select metadata, target_id from integration_audit_logs where org_id = $1 and action = $2 order by id`, [org.id, action])).rows;
const routeRow = async (org: FreshOrganization, channel: string) =>
  (await db.owner.query(`select primary_type, fallback_type, version from channel_routes where organization_id = $1 and channel = $2`, [org.id, channel])).rows[0];

describe('choosing which integration sends a channel', () => {
  it('refuses managers: only admins choose', async () => {
    const org = await organization();
    await expectAppError(setRoute(manager(org), 'sms', { primary: null, fallback: null }), 403);
    await expect(routingOverview(manager(org))).rejects.toBeInstanceOf(AppError);
  });

  it('refuses an integration that cannot send the channel, on its field', async () => {
    const org = await organization();
    await expectAppError(setRoute(admin(org), 'sms', { primary: 'stripe', fallback: null }), 422, 'primary');
    await expectAppError(setRoute(admin(org), 'email', { primary: 'no_such_thing', fallback: null }), 422, 'primary');
    expect(await routeRow(org, 'sms')).toBeUndefined();
    expect(await audits(org, 'gateway.route_changed')).toEqual([]);
  });

  it('the form schema refuses a fallback equal to the first, or a fallback without a first', () => {
    const same = z.safeParse(routeSchema, { channel: 'sms', primary: 'twilio', fallback: 'twilio' });
    expect(same.success ? null : z.flattenError(same.error).fieldErrors).toEqual({ fallback: ['The fallback must be another integration than the first.'] });
    const orphan = z.safeParse(routeSchema, { channel: 'sms', primary: null, fallback: 'twilio' });
    expect(orphan.success ? null : Object.keys(z.flattenError(orphan.error).fieldErrors)).toEqual(['fallback']);
  });

  it('refuses a stale edit with a conflict', async () => {
    const org = await organization();
    // Nothing chosen is version 0: a form that saw version 3 is out of date.
    await expectAppError(setRoute(admin(org), 'sms', { primary: null, fallback: null, expected_version: 3 }), 409);
    expect(await audits(org, 'gateway.route_changed')).toEqual([]);
  });

  it('goes back to automatic, with an audit row naming what was chosen before', async () => {
    const org = await organization();
    await db.owner.query(`insert into channel_routes (organization_id, channel, primary_type, fallback_type) values ($1, 'sms', 'twilio', 'exotel_phone')`, [org.id]);
    const [before] = (await routingOverview(admin(org))).filter((r) => r.channel === 'sms');
    expect(before).toMatchObject({ chosen: { primary: 'twilio', fallback: 'exotel_phone' }, version: 1 });
    // Chosen integrations that cannot send SMS stay visible, so the admin can replace them.
    if (!smsSenders) expect(before?.stale).toEqual([{ id: 'twilio', name: 'Twilio' }, { id: 'exotel_phone', name: 'Exotel Phone' }]);
    await setRoute(admin(org), 'sms', { primary: null, fallback: null, expected_version: 1 });
    expect(await routeRow(org, 'sms')).toBeUndefined();
    expect(await audits(org, 'gateway.route_changed')).toEqual([
      { target_id: 'sms', metadata: { channel: 'sms', primary: null, fallback: null, previous_primary: 'twilio' } },
    ]);
    const [after] = (await routingOverview(admin(org))).filter((r) => r.channel === 'sms');
    expect(after).toMatchObject({ chosen: null, version: 0 });
  });

  it.skipIf(!smsSenders)('sets SMS to Twilio with Exotel Phone as fallback, refuses the same twice and a stale version (needs the SMS senders)', async () => {
    const org = await organization();
    await expectAppError(setRoute(admin(org), 'sms', { primary: 'twilio', fallback: 'twilio' }), 422, 'fallback');
    await setRoute(admin(org), 'sms', { primary: 'twilio', fallback: 'exotel_phone', expected_version: 0 });
    expect(await routeRow(org, 'sms')).toEqual({ primary_type: 'twilio', fallback_type: 'exotel_phone', version: 1 });
    expect((await audits(org, 'gateway.route_changed')).map((r) => r.metadata)).toEqual([{ channel: 'sms', primary: 'twilio', fallback: 'exotel_phone', previous_primary: null }]);
    await expectAppError(setRoute(admin(org), 'sms', { primary: 'exotel_phone', fallback: null, expected_version: 0 }), 409);
    await setRoute(admin(org), 'sms', { primary: null, fallback: null, expected_version: 1 });
    expect(await routeRow(org, 'sms')).toBeUndefined();
  });
});

describe('held requests', () => {
  const hold = async (org: FreshOrganization, type = 'twilio') =>
    (
      await db.owner.query<{ id: string }>(
        `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_user_id, sender_label, payload_sealed)
         values ($1, 'sms', 'text', $2, 'held', '+60123456789', $3, 'test', 'sealed-payload') returning id`,
        [org.id, type, org.member('admin').userId],
      )
    ).rows[0]!.id;
  const request = async (id: string) =>
    (await db.owner.query<{ status: string; payload_sealed: string | null; error_code: string | null }>(`select status, payload_sealed, error_code from outbound_requests where id = $1`, [id])).rows[0];

  it('admins discard them: canceled, message erased, one audit row; other integrations and organizations keep theirs', async () => {
    const org = await organization();
    const other = await organization();
    const [mine, alsoMine, elsewhere, theirs] = [await hold(org), await hold(org), await hold(org, 'exotel_phone'), await hold(other)];
    expect(await heldCount(admin(org), 'twilio')).toBe(2);
    expect(await heldCount(manager(org), 'twilio')).toBe(2);
    expect(await heldCounts(admin(org), ['twilio', 'exotel_phone', 'resend'])).toEqual({ twilio: 2, exotel_phone: 1 });

    expect(await discardHeld(admin(org), 'twilio')).toBe(2);
    for (const id of [mine, alsoMine]) expect(await request(id)).toEqual({ status: 'canceled', payload_sealed: null, error_code: 'discarded' });
    expect(await audits(org, 'gateway.discarded')).toEqual([{ target_id: 'twilio', metadata: { requests: 2 } }]);
    expect(await heldCount(admin(org), 'twilio')).toBe(0);
    expect((await request(elsewhere))?.status).toBe('held');
    expect(await request(theirs)).toEqual({ status: 'held', payload_sealed: 'sealed-payload', error_code: null });
    expect(await heldCount(admin(other), 'twilio')).toBe(1);

    // Nothing left to discard: nothing changes and nothing is recorded.
    expect(await discardHeld(admin(org), 'twilio')).toBe(0);
    expect(await audits(org, 'gateway.discarded')).toHaveLength(1);
  });

  it('refuses managers and leaves the requests held', async () => {
    const org = await organization();
    const id = await hold(org);
    await expectAppError(discardHeld(manager(org), 'twilio'), 403);
    expect(await request(id)).toEqual({ status: 'held', payload_sealed: 'sealed-payload', error_code: null });
    expect(await audits(org, 'gateway.discarded')).toEqual([]);
  });
});

describe('sending a test', () => {
  it('only admins send tests, only through an integration that sends that channel', async () => {
    const org = await organization();
    await expectAppError(sendTest(manager(org), { type: 'twilio', kind: 'sms', to: '+60123456789', text: 'Hi' }), 403);
    await expectAppError(sendTest(admin(org), { type: 'stripe', kind: 'sms', to: '+60123456789', text: 'Hi' }), 422, 'type');
    expect(await audits(org, 'gateway.test_sent')).toEqual([]);
    expect((await db.owner.query(`select count(*)::int as n from outbound_requests where organization_id = $1`, [org.id])).rows[0]).toEqual({ n: 0 });
  });

  it('a test call needs the admin’s own phone and a number of theirs from the provider', async () => {
    const org = await organization();
    expect(await callReadiness(admin(org), 'twilio')).toEqual({ hasPhone: false, callerId: null });
    await db.owner.query(`update users set phone = '+60123456789' where id = $1`, [org.member('admin').userId]);
    await db.owner.query(
      `insert into organization_phone_numbers (organization_id, source, phone_number, assigned_to_user_id) values ($1, 'twilio', '+14155550100', $2)`,
      [org.id, org.member('admin').userId],
    );
    expect(await callReadiness(admin(org), 'twilio')).toEqual({ hasPhone: true, callerId: '+14155550100' });
    expect(await callReadiness(admin(org), 'exotel_phone')).toEqual({ hasPhone: true, callerId: null });
  });
});
