import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { withElevated } from '@/lib/db/rls';
import { saveIntegration } from '@/lib/integrations/write';
import { acceptSend } from '@/lib/gateway/accept';
import { executeRequest } from '@/lib/gateway/execute';
import { smsRequest } from '@/lib/gateway/messages';
import type { Received } from '@/scripts/simulator/receiver';
import { disabledEndpointAlerts } from './alerts';
import { deliver } from './deliver';
import { listDeliveries, redeliver, sendTestEvent } from './deliveries';
import { emitEvent } from './emit';
import { createEndpoint, deleteEndpoint, getEndpoint, rotateSecret, updateEndpoint } from './endpoints';
import { nextRetrySeconds } from './schedule';

// Outbound webhooks end to end against the simulator's receiver over real HTTP: signed as Standard
// Webhooks says, retried on the schedule, turned off by 410 or a run of failures, redelivered.

const db = seededDatabase();
const env = simulatorForTests({ ALLOW_PRIVATE_PROVIDER_HOSTS: 'true', WEBHOOK_RETRY_SCHEDULE: '1,2,3' });

let org: FreshOrganization;
const admin = () => org.member('admin').actor;
let n = 0;
const receiver = () => `r${Date.now()}-${n++}`;
const urlOf = (name: string) => `${env.sim.url}/_receiver/${name}`;
const received = (name: string): Received[] => env.sim.receivers.get(name).received;

async function endpoint(name: string, events: string[] = ['payment.*', 'message.sent']) {
  return createEndpoint(admin(), { url: urlOf(name), description: 'CRM', event_types: events as never });
}
const emit = (type: Parameters<typeof emitEvent>[2], data: Record<string, unknown> = { id: 'pay_1' }) =>
  withElevated('webhooks.outbound', (tx) => emitEvent(tx, org.id, type, data));
const deliveriesOf = async (endpointId: string) =>
  (await db.owner.query<{ id: string; status: string; attempt_count: number; next_attempt_at: Date | null }>(
    `select id, status, attempt_count, next_attempt_at from webhook_deliveries where endpoint_id = $1 order by created_at`,
    [endpointId],
  )).rows;

beforeAll(async () => {
  org = await freshOrganization(db.owner, { members: ['admin', 'manager'] });
});

afterEach(() => {
  delete process.env.WEBHOOK_DISABLE_AFTER_FAILURES;
  delete process.env.WEBHOOK_DISABLE_AFTER_HOURS;
  process.env.ALLOW_PRIVATE_PROVIDER_HOSTS = 'true';
});

describe('endpoints', () => {
  it('keep the secret sealed (shown once, a hint after), audited without it', async () => {
    const { endpoint: created, secret } = await endpoint(receiver());
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.secretHint).toBe(`••••${secret.slice(-4)}`);
    const row = await db.owner.query(`select * from webhook_endpoints where id = $1`, [created.id]);
    expect(row.rows[0].secret_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row.rows[0])).not.toContain(secret.slice(6));
    const audit = await db.owner.query(`select action, changed_fields, metadata from integration_audit_logs where org_id = $1 and target_id = $2`, [org.id, created.id]);
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'webhook_endpoint.created' })]);
    expect(JSON.stringify(audit.rows)).not.toContain(secret.slice(6));
  });

  it('are for admins of their own organization: a manager is refused, another organization’s id is unknown', async () => {
    const { endpoint: mine } = await endpoint(receiver());
    const manager = org.member('manager').actor;
    await expect(getEndpoint(manager, mine.id)).rejects.toMatchObject({ status: 403 });
    await expect(updateEndpoint(manager, mine.id, { enabled: false })).rejects.toMatchObject({ status: 403 });
    const other = await freshOrganization(db.owner, { members: ['admin'] });
    const stranger = other.member('admin').actor;
    await expect(getEndpoint(stranger, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateEndpoint(stranger, mine.id, { enabled: false })).rejects.toMatchObject({ status: 404 });
    await expect(rotateSecret(stranger, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteEndpoint(stranger, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(sendTestEvent(stranger, mine.id)).rejects.toMatchObject({ status: 404 });
    expect((await getEndpoint(admin(), mine.id)).enabled).toBe(true);
  });

  it('refuse private and plain-http URLs unless private hosts are allowed, at registration and when connecting', async () => {
    const name = receiver();
    const { endpoint: local } = await endpoint(name);
    process.env.ALLOW_PRIVATE_PROVIDER_HOSTS = 'false';
    for (const url of [urlOf('x'), 'https://127.0.0.1/hook', 'https://10.0.0.8/hook', 'https://[::1]/hook', 'https://localhost/hook', 'https://169.254.169.254/latest']) {
      await expect(createEndpoint(admin(), { url, event_types: ['message.sent'] }), url).rejects.toMatchObject({ status: 422, fields: { url: [expect.any(String)] } });
    }
    await emit('payment.succeeded');
    const [pending] = await deliveriesOf(local.id);
    expect(await deliver(pending!.id)).toBe('retrying');
    expect(received(name)).toHaveLength(0);
    expect((await listDeliveries(admin(), local.id))[0]).toMatchObject({ status: 'retrying', httpStatus: null, error: expect.stringMatching(/private network/) });
  });
});

describe('delivering', () => {
  it('signs as Standard Webhooks, stores one event and one delivery per subscribed endpoint, in one queue per endpoint', async () => {
    const [a, b, c] = [receiver(), receiver(), receiver()];
    const first = await endpoint(a, ['payment.*']);
    await endpoint(b, ['message.sent']);
    const third = await endpoint(c, ['payment.refunded']);
    await updateEndpoint(admin(), third.endpoint.id, { enabled: false });
    await emit('payment.refunded', { id: 'pay_42', amount: 1200 });

    const [delivery, ...rest] = await deliveriesOf(first.endpoint.id);
    expect(rest).toEqual([]);
    expect(await deliveriesOf(third.endpoint.id)).toEqual([]);
    const job = await db.owner.query(`select queue_name from graphile_worker.jobs where key = $1`, [`webhooks:${delivery!.id}`]);
    expect(job.rows).toEqual([{ queue_name: `webhooks:${first.endpoint.id}` }]);

    expect(await deliver(delivery!.id)).toBe('succeeded');
    const [got] = received(a);
    expect(received(b)).toEqual([]);
    const payload = new Webhook(first.secret).verify(got!.body, got!.headers) as { type: string; timestamp: string; data: unknown };
    expect(payload).toEqual({ type: 'payment.refunded', timestamp: expect.any(String), data: { id: 'pay_42', amount: 1200 } });
    expect(got!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got!.body, got!.headers)).toThrow();

    const [log] = await listDeliveries(admin(), first.endpoint.id);
    expect(log).toMatchObject({ status: 'succeeded', httpStatus: 200, attemptCount: 1, attempts: [expect.objectContaining({ ok: true, httpStatus: 200 })] });
    expect(await deliver(delivery!.id)).toBe('nothing_to_do');
  });

  it('retries a 5xx on the schedule with jitter, keeps the webhook-id, and gives up when the schedule is spent', async () => {
    const name = receiver();
    const { endpoint: ep } = await endpoint(name);
    env.sim.receivers.set(name, '500');
    await emit('payment.failed');
    const [d] = await deliveriesOf(ep.id);
    for (const [attempt, wait] of [[1, 1], [2, 2], [3, 3]] as const) {
      const before = Date.now();
      expect(await deliver(d!.id)).toBe('retrying');
      const [row] = await deliveriesOf(ep.id);
      expect(row!.attempt_count).toBe(attempt);
      const delay = (row!.next_attempt_at!.getTime() - before) / 1000;
      expect(delay).toBeGreaterThan(wait * 0.85);
      expect(delay).toBeLessThan(wait * 1.15 + 1);
    }
    expect(await deliver(d!.id)).toBe('failed');
    expect(new Set(received(name).map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(received(name)).toHaveLength(4);
    expect((await listDeliveries(admin(), ep.id))[0]).toMatchObject({ status: 'failed', httpStatus: 500, attemptCount: 4, nextAttemptAt: null });
  });

  it('honours Retry-After and the default schedule', () => {
    delete process.env.WEBHOOK_RETRY_SCHEDULE;
    try {
      expect(nextRetrySeconds(1, null, () => 0.5)).toBe(5);
      expect(nextRetrySeconds(2, null, () => 0)).toBeCloseTo(270);
      expect(nextRetrySeconds(9, null, () => 1)).toBeCloseTo(95040);
      expect(nextRetrySeconds(10, null)).toBeNull();
      expect(nextRetrySeconds(1, 120, () => 0.5)).toBe(120);
    } finally {
      process.env.WEBHOOK_RETRY_SCHEDULE = '1,2,3';
    }
  });

  it('turns the endpoint off on 410 Gone, audits it and shows the admins a banner', async () => {
    const name = receiver();
    const { endpoint: ep } = await endpoint(name);
    env.sim.receivers.set(name, '410');
    await emit('payment.succeeded');
    const [d] = await deliveriesOf(ep.id);
    expect(await deliver(d!.id)).toBe('failed_and_disabled');
    expect(await getEndpoint(admin(), ep.id)).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect(await disabledEndpointAlerts(admin())).toContainEqual({ id: ep.id, url: ep.url, reason: 'gone' });
    expect(await disabledEndpointAlerts(org.member('manager').actor)).toEqual([]);
    const audit = await db.owner.query(`select actor_type, metadata from integration_audit_logs where target_id = $1 and action = 'webhook_endpoint.disabled'`, [ep.id]);
    expect(audit.rows).toEqual([{ actor_type: 'system', metadata: { reason: 'gone', http_status: 410 } }]);
    await emit('payment.succeeded');
    expect(await deliveriesOf(ep.id)).toHaveLength(1);
  });

  it('turns the endpoint off after the stated run of failures, and enabling it again starts afresh', async () => {
    process.env.WEBHOOK_DISABLE_AFTER_FAILURES = '3';
    process.env.WEBHOOK_DISABLE_AFTER_HOURS = '0';
    const name = receiver();
    const { endpoint: ep } = await endpoint(name);
    env.sim.receivers.set(name, '500');
    await emit('payment.succeeded');
    await emit('payment.refunded');
    const [d1, d2] = await deliveriesOf(ep.id);
    expect(await deliver(d1!.id)).toBe('retrying');
    expect(await deliver(d2!.id)).toBe('retrying');
    expect(await deliver(d1!.id)).toBe('failed_and_disabled');
    expect(await getEndpoint(admin(), ep.id)).toMatchObject({ enabled: false, disabledReason: 'failing', failureStreak: 3 });
    expect(await deliver(d2!.id)).toBe('endpoint_disabled');

    await updateEndpoint(admin(), ep.id, { enabled: true });
    expect(await getEndpoint(admin(), ep.id)).toMatchObject({ enabled: true, disabledReason: null, failureStreak: 0 });
  });

  it('redelivers an event as a new delivery with the same webhook-id, and sends test events', async () => {
    const name = receiver();
    const { endpoint: ep, secret } = await endpoint(name);
    await emit('payment.succeeded');
    const [d] = await deliveriesOf(ep.id);
    await deliver(d!.id);
    const again = await redeliver(admin(), ep.id, d!.id);
    expect(await deliver(again.id)).toBe('succeeded');
    const [one, two] = received(name);
    expect(two!.headers['webhook-id']).toBe(one!.headers['webhook-id']);
    expect(two!.body).toBe(one!.body);
    await expect(redeliver(admin(), ep.id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });

    const test = await sendTestEvent(admin(), ep.id);
    expect(await deliver(test.id)).toBe('succeeded');
    expect(new Webhook(secret).verify(received(name)[2]!.body, received(name)[2]!.headers)).toMatchObject({ type: 'webhook.test' });
    const actions = await db.owner.query(`select action from integration_audit_logs where target_id in ($1, $2) order by id`, [again.id, ep.id]);
    expect(actions.rows.map((r) => r.action)).toEqual(['webhook_endpoint.created', 'webhook_delivery.redelivered', 'webhook_endpoint.tested']);
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const name = receiver();
    const { endpoint: ep, secret: old } = await endpoint(name);
    const { secret: fresh, endpoint: rotated } = await rotateSecret(admin(), ep.id);
    expect(fresh).not.toBe(old);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    await emit('payment.succeeded');
    const [d] = await deliveriesOf(ep.id);
    await deliver(d!.id);
    const [got] = received(name);
    expect(got!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(fresh).verify(got!.body, got!.headers)).toBeTruthy();
    expect(new Webhook(old).verify(got!.body, got!.headers)).toBeTruthy();
  });
});

describe('a slow receiver', () => {
  it('is given up on at the time limit and retried', async () => {
    process.env.WEBHOOK_TIMEOUT_MS = '300';
    try {
      const name = receiver();
      const { endpoint: ep } = await endpoint(name);
      env.sim.receivers.set(name, 'slow', 2000);
      await emit('payment.succeeded');
      const [d] = await deliveriesOf(ep.id);
      const started = Date.now();
      expect(await deliver(d!.id)).toBe('retrying');
      expect(Date.now() - started).toBeLessThan(1500);
      expect((await listDeliveries(admin(), ep.id))[0]).toMatchObject({ status: 'retrying', httpStatus: null, error: 'No answer within 0.3 s.' });
    } finally {
      delete process.env.WEBHOOK_TIMEOUT_MS;
    }
  });
});

describe('the gateway’s events', () => {
  it('reports an integration whose credentials were refused, and its recovery when a verified save releases its requests', async () => {
    const local = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = local.member('admin').actor;
    const name = receiver();
    await createEndpoint(actor, { url: urlOf(name), event_types: ['integration.failing', 'integration.recovered'] });
    const twilio = providerCases(env.sim).twilio!.good as Record<string, string>;
    await saveIntegration(actor, 'twilio', { display_name: 'Twilio', credentials: twilio, save_unverified: false });
    const held = await acceptSend(actor, smsRequest({ phoneNumber: '+14155554010', message: 'x' }), { key: null, body: 1, path: '/x' });
    await executeRequest(held.body.id);
    await saveIntegration(actor, 'twilio', { credentials: { ...twilio, auth_token: `${twilio.auth_token!.slice(0, -4)}beef` }, save_unverified: false });
    const queued = await db.owner.query<{ id: string }>(`select id from webhook_deliveries where organization_id = $1 order by created_at`, [local.id]);
    for (const { id } of queued.rows) await deliver(id);
    expect(received(name).map((r) => JSON.parse(r.body) as { type: string; data: unknown })).toEqual([
      { type: 'integration.failing', timestamp: expect.any(String), data: { integration: 'twilio', code: 'bad_credentials' } },
      { type: 'integration.recovered', timestamp: expect.any(String), data: { integration: 'twilio', releasedRequests: 1 } },
    ]);
  });

  it('reports a sent SMS as message.sent, without its body or recipient', async () => {
    const name = receiver();
    const { endpoint: ep } = await endpoint(name, ['message.sent', 'message.failed']);
    await saveIntegration(admin(), 'twilio', { display_name: 'Twilio', credentials: providerCases(env.sim).twilio!.good as Record<string, string>, save_unverified: false });
    const accepted = await acceptSend(admin(), smsRequest({ phoneNumber: '+14155550177', message: 'secret-body-canary' }), { key: null, body: {}, path: '/api/v1/integrations/sms/send' });
    await executeRequest(accepted.body.id);
    const [d] = await deliveriesOf(ep.id);
    await deliver(d!.id);
    const body = JSON.parse(received(name)[0]!.body) as { type: string; data: Record<string, unknown> };
    expect(body).toMatchObject({ type: 'message.sent', data: { id: accepted.body.id, channel: 'sms', integration: 'twilio', status: 'sent', providerMessageId: expect.stringMatching(/^SM/) } });
    expect(received(name)[0]!.body).not.toMatch(/secret-body-canary|4155550177/);
  });
});
