import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner } from 'graphile-worker';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { saveIntegration } from '@/lib/integrations/write';
import { startJobRunner } from '@/lib/jobs/runner';
import { acceptSend, type SendRequest } from './accept';
import { executeRequest } from './execute';
import { scrub } from './scrub';
import { getRequest } from './log';
import { smsRequest } from './messages';

// The gateway end to end against the provider simulator over real HTTP: accepted in one
// transaction, sent by one attempt at a time, retried, held and released, never sent twice.

const db = seededDatabase();
const env = simulatorForTests({ OUTBOUND_MAX_ATTEMPTS: '5' });
const CANARY = 'canary-7f3a9d-body';
const HOLD = 'held-by-gateway-test';

type Sent = { provider: string; to: string; outcome: string; providerId: string | null };
async function sentTo(to: string): Promise<Sent[]> {
  const all = (await (await fetch(`${env.sim.url}/_control/sent?to=${encodeURIComponent(to)}`)).json()) as Sent[];
  return all.filter((s) => s.to.includes(to));
}

let twilio: Record<string, string>;
let org: FreshOrganization;
const admin = () => org.member('admin').actor;

async function row(id: string) {
  const r = await db.owner.query(`select * from outbound_requests where id = $1`, [id]);
  return r.rows[0] as { status: string; payload_sealed: string | null; provider_message_id: string | null; attempt_count: number; next_attempt_at: Date | null };
}

const sms = (to: string, message = `Hello ${CANARY}`): SendRequest => smsRequest({ phoneNumber: to, message });
const accept = (request: SendRequest, key: string | null = null, body: unknown = request) =>
  acceptSend(admin(), request, { key, body, path: '/api/v1/integrations/sms/send' });

beforeAll(async () => {
  twilio = providerCases(env.sim).twilio!.good as Record<string, string>;
  org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
  await saveIntegration(admin(), 'twilio', { display_name: 'Twilio', credentials: twilio, save_unverified: false });
  // Only this file's jobs run in the runner test: other pending jobs are held as another worker's.
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = $1 where locked_at is null`, [HOLD]);
});

afterAll(async () => {
  await db.owner.query(`update graphile_worker._private_jobs set locked_at = null, locked_by = null where locked_by = $1`, [HOLD]);
});

describe('accepting and sending', () => {
  it('stores the request sealed with its job in the 202 transaction, then sends it once and erases the message', async () => {
    const accepted = await accept(sms('+14155550142'));
    expect(accepted).toEqual({ status: 202, body: { id: expect.any(String), status: 'queued' } });
    const stored = await row(accepted.body.id);
    expect(stored.status).toBe('queued');
    expect(stored.payload_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(CANARY);
    const jobs = await db.owner.query(`select 1 from graphile_worker.jobs where key = $1`, [`outbound:${accepted.body.id}`]);
    expect(jobs.rowCount).toBe(1);

    await executeRequest(accepted.body.id);
    const sent = await row(accepted.body.id);
    expect(sent.status).toBe('sent');
    expect(sent.provider_message_id).toMatch(/^SM/);
    expect(sent.payload_sealed).toBeNull();
    expect((await sentTo('+14155550142')).filter((s) => s.outcome === 'accepted')).toHaveLength(1);

    const view = await getRequest(admin(), accepted.body.id);
    expect(view.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'accepted', httpStatus: 201 })]);
    // Running the job again (a duplicate delivery of the job) sends nothing more.
    await executeRequest(accepted.body.id);
    expect((await sentTo('+14155550142')).filter((s) => s.outcome === 'accepted')).toHaveLength(1);
  });

  it('answers the same Idempotency-Key 50 times at once with one row, one send and 50 identical answers', async () => {
    const request = sms('+14155550143');
    const answers = await Promise.all(Array.from({ length: 50 }, () => accept(request, 'key-50-at-once', { phoneNumber: '+14155550143', message: 'x' })));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const rows = await db.owner.query(`select id from outbound_requests where organization_id = $1 and idempotency_key = 'key-50-at-once'`, [org.id]);
    expect(rows.rowCount).toBe(1);
    await executeRequest(answers[0]!.body.id);
    expect((await sentTo('+14155550143')).filter((s) => s.outcome === 'accepted')).toHaveLength(1);

    const other = await accept(sms('+14155550143'), 'key-50-at-once', { phoneNumber: '+14155550143', message: 'another' }).catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('retries a rate limit with backoff and sends on the third attempt', async () => {
    const accepted = await accept(sms('+14155554290'));
    await executeRequest(accepted.body.id);
    let stored = await row(accepted.body.id);
    expect(stored.status).toBe('queued');
    expect(stored.next_attempt_at!.getTime()).toBeGreaterThan(Date.now());
    await executeRequest(accepted.body.id);
    await executeRequest(accepted.body.id);
    stored = await row(accepted.body.id);
    expect(stored.status).toBe('sent');
    const view = await getRequest(admin(), accepted.body.id);
    expect(view.attemptLog.map((a) => [a.outcome, a.code])).toEqual([
      ['retry', 'rate_limited'],
      ['retry', 'rate_limited'],
      ['accepted', null],
    ]);
  });

  it('takes over a request a dead runner left in "sending", and leaves a live one alone', async () => {
    const accepted = await accept(sms('+14155550144'));
    await db.owner.query(`update outbound_requests set status = 'sending', updated_at = now() where id = $1`, [accepted.body.id]);
    await executeRequest(accepted.body.id);
    expect((await row(accepted.body.id)).status).toBe('sending');
    await db.owner.query(`update outbound_requests set updated_at = now() - interval '1 hour' where id = $1`, [accepted.body.id]);
    await executeRequest(accepted.body.id);
    expect((await row(accepted.body.id)).status).toBe('sent');
  });
});

describe('dead credentials', () => {
  it('hold the line: the integration turns Failing, requests wait without provider calls, and a verified save sends them once', async () => {
    const local = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = local.member('admin').actor;
    await saveIntegration(actor, 'twilio', { display_name: 'Twilio', credentials: twilio, save_unverified: false });
    const send = (to: string) => acceptSend(actor, sms(to), { key: null, body: to, path: '/x' });

    const first = await send('+14155554010');
    await executeRequest(first.body.id);
    expect((await row(first.body.id)).status).toBe('held');
    const integration = await db.owner.query(`select last_test_ok, last_test_code from integration_credentials where organization_id = $1`, [local.id]);
    expect(integration.rows[0]).toEqual({ last_test_ok: false, last_test_code: 'bad_credentials' });
    const audit = await db.owner.query(`select action from integration_audit_logs where org_id = $1 and action = 'gateway.held'`, [local.id]);
    expect(audit.rowCount).toBe(1);

    const second = await send('+14155550145');
    await executeRequest(second.body.id);
    expect((await row(second.body.id)).status).toBe('held');
    expect(await sentTo('+14155550145')).toHaveLength(0);

    await saveIntegration(actor, 'twilio', { credentials: { ...twilio, auth_token: `${twilio.auth_token!.slice(0, -4)}beef` }, save_unverified: false });
    expect((await row(second.body.id)).status).toBe('queued');
    await executeRequest(second.body.id);
    expect((await row(second.body.id)).status).toBe('sent');
    expect((await sentTo('+14155550145')).filter((s) => s.outcome === 'accepted')).toHaveLength(1);
  });
});

describe('authorization', () => {
  it('lets a member who is not an admin send only through an integration granted to them', async () => {
    const agent = org.member('agent').actor;
    await db.owner.query(`delete from user_integration_permissions where organization_id = $1 and user_id = $2`, [org.id, org.member('agent').userId]);
    const refused = await acceptSend(agent, sms('+14155550146'), { key: null, body: 1, path: '/x' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    await db.owner.query(
      `insert into user_integration_permissions (organization_id, user_id, integration_type, can_use) values ($1, $2, 'twilio', true)
       on conflict (organization_id, integration_type, user_id) do update set can_use = true`,
      [org.id, org.member('agent').userId],
    );
    const accepted = await acceptSend(agent, sms('+14155550146'), { key: null, body: 1, path: '/x' });
    expect(accepted.status).toBe(202);
  });

  it('hands a member’s request to the fallback only if they may use the fallback too', async () => {
    await db.owner.query(
      `insert into channel_routes (organization_id, channel, primary_type, fallback_type) values ($1, 'sms', 'twilio', 'exotel_phone')
       on conflict (organization_id, channel) do update set primary_type = 'twilio', fallback_type = 'exotel_phone'`,
      [org.id],
    );
    await db.owner.query(
      `insert into user_integration_permissions (organization_id, user_id, integration_type, can_use) values ($1, $2, 'twilio', true)
       on conflict (organization_id, integration_type, user_id) do update set can_use = true`,
      [org.id, org.member('agent').userId],
    );
    const agent = org.member('agent').actor;
    const asAgent = await acceptSend(agent, sms('+14155550148'), { key: null, body: 2, path: '/x' });
    const asAdmin = await accept(sms('+14155550149'));
    const fallbacks = await db.owner.query(`select id, fallback_type from outbound_requests where id = any($1)`, [[asAgent.body.id, asAdmin.body.id]]);
    const byId = Object.fromEntries(fallbacks.rows.map((r: { id: string; fallback_type: string | null }) => [r.id, r.fallback_type]));
    expect(byId).toEqual({ [asAgent.body.id]: null, [asAdmin.body.id]: 'exotel_phone' });
    await db.owner.query(`delete from channel_routes where organization_id = $1`, [org.id]);
  });

  it('does not find another organization’s request, and hides recipients from a manager who did not send', async () => {
    const accepted = await accept(sms('+14155550147'));
    const other = await freshOrganization(db.owner, { members: ['admin'] });
    await expect(getRequest(other.member('admin').actor, accepted.body.id)).rejects.toMatchObject({ status: 404 });
    const asManager = await getRequest(org.member('manager').actor, accepted.body.id);
    expect(asManager.to).toBeNull();
    await expect(getRequest(org.member('agent').actor, accepted.body.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('two runners on one queue', () => {
  it('send every request exactly once', async () => {
    const numbers = Array.from({ length: 20 }, (_, i) => `+1415555${String(1000 + i).padStart(4, '0')}`);
    const ids = [];
    for (const to of numbers) ids.push((await accept(sms(to))).body.id);
    const runners: Runner[] = [await startJobRunner({ concurrency: 4 }), await startJobRunner({ concurrency: 4 })];
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const open = await db.owner.query(`select count(*)::int as n from outbound_requests where id = any($1) and status <> 'sent'`, [ids]);
        if (open.rows[0].n === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    for (const to of numbers) expect((await sentTo(to)).filter((s) => s.outcome === 'accepted'), to).toHaveLength(1);
    const attempts = await db.owner.query(`select count(*)::int as n from outbound_attempts where request_id = any($1)`, [ids]);
    expect(attempts.rows[0].n).toBe(20);
  });
});

describe('privacy', () => {
  it('cuts numbers and addresses out of what providers say before it is stored', () => {
    expect(scrub(`The 'To' number +1 415-555-0142 is not a valid phone number (whatsapp:+14155238886), code 21211`)).toBe(
      `The 'To' number [number] is not a valid phone number ([number]), code 21211`,
    );
    expect(scrub('Recipient ana.lee+test@example.co.uk bounced')).toBe('Recipient [address] bounced');
    expect(scrub('StatusCallback https://portal.example/api/webhooks/twilio/AbC_123?r=1 is not reachable')).toBe('StatusCallback [url] is not reachable');
  });

  it('keeps message bodies out of every table but the sealed payload, and out of the audit trail', async () => {
    const tables = await db.owner.query(
      `select (select count(*) from integration_audit_logs where metadata::text like $1)::int as audit,
              (select count(*) from outbound_attempts where coalesce(message, '') like $1)::int as attempts,
              (select count(*) from outbound_requests where coalesce(error_message, '') || recipient like $1)::int as requests`,
      [`%${CANARY}%`],
    );
    expect(tables.rows[0]).toEqual({ audit: 0, attempts: 0, requests: 0 });
  });
});
