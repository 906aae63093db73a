import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { signDocuSeal, signPayPal, signStripe } from '@/scripts/simulator/webhooks/sign';
import { interruptedOperations } from '@/lib/gateway/jobs';
import { withElevated } from '@/lib/db/rls';
import { setPermission } from '@/lib/integrations/permissions';
import { saveIntegration } from '@/lib/integrations/write';
import { applyDelivery } from '@/lib/webhooks/inbound/apply';
import { callbackRoute } from '@/lib/webhooks/inbound/receive';
import { currentReceiver } from '@/lib/webhooks/inbound/receivers';
import { runOperation, type OperationCall } from './run';

// One mechanism for every operation, shown through CTOS and DocuSeal against the simulator over real
// HTTP: the request log, the caller's grant, objects only of the caller's organization, the
// Idempotency-Key, refused credentials, and callbacks settling the request that created the object.

const db = seededDatabase();
const env = simulatorForTests({ ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
const NAME = 'Siti Canary Aminah';
const DOCUMENT = '900101-14-5678';
const WEBHOOK_SECRET = 'docuseal-hook-secret-01';
let org: FreshOrganization;
let other: FreshOrganization;

const call = (type: string, action: string, input: unknown, key: string | null = null): OperationCall => ({ type, action, input, key, path: `/api/v1/integrations/${type}/actions/${action}`, source: 'api' });
const admin = () => org.member('admin').actor;

async function rowOf(id: string) {
  const r = await db.owner.query(`select * from outbound_requests where id = $1`, [id]);
  return r.rows[0] as Record<string, unknown>;
}

/** A provider's signed callback at the organization's receiving URL, then applied as the job runner would. */
async function deliverCallback(orgId: string, type: string, signed: { body: string; headers: Record<string, string> }): Promise<void> {
  const token = await withElevated('webhooks.receive', (tx) => currentReceiver(tx, orgId, type));
  const res = await callbackRoute.POST(new NextRequest(`http://portal.test/api/webhooks/${type}/${token}`, { method: 'POST', body: signed.body, headers: signed.headers }), {
    params: Promise.resolve({ type, id: token }),
  });
  expect(res.status).toBe(200);
  const queued = await db.owner.query<{ id: string }>(`select id from webhook_deliveries_in where organization_id = $1 and outcome = 'queued'`, [orgId]);
  for (const d of queued.rows) await applyDelivery(d.id);
}

beforeAll(async () => {
  const cases = providerCases(env.sim);
  org = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
  other = await freshOrganization(db.owner, { members: ['admin'] });
  for (const o of [org, other]) {
    await saveIntegration(o.member('admin').actor, 'ctos', { display_name: 'CTOS', credentials: cases.ctos!.good as Record<string, string>, save_unverified: false });
    await saveIntegration(o.member('admin').actor, 'docuseal', {
      display_name: 'DocuSeal',
      credentials: { ...(cases.docuseal!.good as Record<string, string>), webhook_secret: WEBHOOK_SECRET },
      save_unverified: false,
    });
  }
});

describe('an operation while the caller waits', () => {
  it('answers the provider’s result and logs the request with the provider’s id and nothing personal', async () => {
    const answer = await runOperation(admin(), call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ requestId: expect.any(String), checkId: expect.any(String), onboardingUrl: expect.stringMatching(/^https?:/), status: 'pending' });
    const row = await rowOf(answer.body.requestId as string);
    expect(row).toMatchObject({ channel: 'kyc', kind: 'operation', operation: 'create_check', status: 'sent', recipient: null, object_status: 'pending', provider_message_id: answer.body.checkId });
    const attempts = await db.owner.query(`select * from outbound_attempts where request_id = $1`, [row.id]);
    expect(attempts.rows).toMatchObject([{ attempt: 1, outcome: 'accepted' }]);
    const stored = JSON.stringify([row, attempts.rows]);
    for (const secret of [NAME, DOCUMENT, answer.body.onboardingUrl as string]) expect(stored).not.toContain(secret);

    // Reading the check settles the request that started it once the result is in.
    const checkId = answer.body.checkId as string;
    let read = await runOperation(admin(), call('ctos', 'get_check', { checkId }));
    for (let i = 0; i < 3 && (read.body as { status?: string }).status !== 'completed'; i++) read = await runOperation(admin(), call('ctos', 'get_check', { checkId }));
    expect(read).toMatchObject({ status: 200, body: { checkId, status: 'completed', result: 'approved' } });
    expect(await rowOf(answer.body.requestId as string)).toMatchObject({ status: 'completed', object_status: 'approved' });
  });

  it('refuses bad input with the field at fault and logs nothing', async () => {
    const before = await db.owner.query(`select count(*)::int as n from outbound_requests where organization_id = $1`, [org.id]);
    await expect(runOperation(admin(), call('ctos', 'create_check', { fullName: '', documentNumber: '12' }))).rejects.toMatchObject({ issues: expect.any(Array) });
    await expect(runOperation(admin(), call('ctos', 'no_such_thing', {}))).rejects.toMatchObject({ status: 404 });
    const after = await db.owner.query(`select count(*)::int as n from outbound_requests where organization_id = $1`, [org.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('acts only on objects its own organization made, and only for members granted the integration', async () => {
    const theirs = await runOperation(other.member('admin').actor, call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }));
    await expect(runOperation(admin(), call('ctos', 'get_check', { checkId: theirs.body.checkId }))).rejects.toMatchObject({ status: 404, code: 'not_found' });
    const agent = org.member('agent');
    await expect(runOperation(agent.actor, call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }))).rejects.toMatchObject({ status: 403 });
    await setPermission(admin(), 'ctos', { user_id: agent.userId, can_use: true, can_view_status: true });
    expect((await runOperation(agent.actor, call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }))).status).toBe(200);
  });

  it('lets agents act only on what they made, and gives a stored answer only to a member who may call', async () => {
    const agent = org.member('agent');
    const made = await runOperation(admin(), call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }, 'kyc-key-grant'));
    await setPermission(admin(), 'ctos', { user_id: agent.userId, can_use: true, can_view_status: true });
    await expect(runOperation(agent.actor, call('ctos', 'get_check', { checkId: made.body.checkId }))).rejects.toMatchObject({ status: 404 });
    await setPermission(admin(), 'ctos', { user_id: agent.userId, can_use: false, can_view_status: true });
    await expect(runOperation(agent.actor, call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }, 'kyc-key-grant'))).rejects.toMatchObject({ status: 403 });
  });

  it('answers a repeated Idempotency-Key with the first answer, and refuses the key for another body', async () => {
    const first = await runOperation(admin(), call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }, 'kyc-key-1'));
    const again = await runOperation(admin(), call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }, 'kyc-key-1'));
    expect(again).toEqual(first);
    // One request, one call to the provider: the repeat was answered from the stored answer.
    const rows = await db.owner.query(
      `select count(distinct r.id)::int as requests, count(a.id)::int as attempts from outbound_requests r left join outbound_attempts a on a.request_id = r.id
        where r.organization_id = $1 and r.idempotency_key = 'kyc-key-1'`,
      [org.id],
    );
    expect(rows.rows[0]).toEqual({ requests: 1, attempts: 1 });
    const stored = await db.owner.query(`select response_body::text as body from idempotency_keys where organization_id = $1 and key = 'kyc-key-1'`, [org.id]);
    expect(stored.rows[0].body).not.toContain(first.body.onboardingUrl as string);
    await expect(runOperation(admin(), call('ctos', 'create_check', { fullName: NAME, documentNumber: '111111-11-1111' }, 'kyc-key-1'))).rejects.toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
    });
  });

  it('marks the integration as needing reconnecting when the provider refuses its credentials', async () => {
    const o = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = o.member('admin').actor;
    const creds = { ...(providerCases(env.sim).ctos!.good as Record<string, string>), api_key: 'simCtosKey-bad' };
    await saveIntegration(actor, 'ctos', { display_name: 'CTOS', credentials: creds, save_unverified: true });
    const refused = await runOperation(actor, call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }));
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'integration_unavailable' } } });
    const cred = await db.owner.query(`select last_test_ok, last_test_code from integration_credentials where organization_id = $1 and integration_type = 'ctos'`, [o.id]);
    expect(cred.rows[0]).toEqual({ last_test_ok: false, last_test_code: 'bad_credentials' });
    await expect(runOperation(actor, call('ctos', 'create_check', { fullName: NAME, documentNumber: DOCUMENT }))).rejects.toMatchObject({ status: 409, code: 'integration_unavailable' });
  });

  it('refuses an operation its credentials lack the permission for, without stopping the others', async () => {
    const o = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = o.member('admin').actor;
    await saveIntegration(actor, 'stripe', { display_name: 'Stripe', credentials: { secret_key: 'sk_test_noscopeOps01' }, save_unverified: true });
    const refused = await runOperation(actor, call('stripe', 'create_intent', { amount: 10, currency: 'USD' }));
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'provider_rejected' } } });
    const cred = await db.owner.query(`select coalesce(last_test_code, '') as code from integration_credentials where organization_id = $1 and integration_type = 'stripe'`, [o.id]);
    expect(cred.rows[0].code).not.toBe('missing_scope');
  });

  it('ends an operation cut off mid-call as failed, saying so, and leaves messages to the send job', async () => {
    const rows = await db.owner.query<{ id: string; kind: string }>(
      `insert into outbound_requests (organization_id, channel, kind, operation, integration_type, status, recipient, sender_label, updated_at)
       values ($1, 'payments', 'operation', 'create_intent', 'stripe', 'sending', null, 'test', now() - interval '1 hour'),
              ($1, 'sms', 'text', null, 'twilio', 'sending', '+14155550100', 'test', now() - interval '1 hour')
       returning id, kind`,
      [org.id],
    );
    expect(await interruptedOperations()).toBeGreaterThanOrEqual(1);
    const after = await db.owner.query(`select kind, status, error_code from outbound_requests where id = any($1::uuid[]) order by kind`, [rows.rows.map((r) => r.id)]);
    expect(after.rows).toEqual([
      { kind: 'operation', status: 'failed', error_code: 'interrupted' },
      { kind: 'text', status: 'sending', error_code: null },
    ]);
    await db.owner.query(`delete from outbound_requests where id = any($1::uuid[])`, [rows.rows.map((r) => r.id)]);
  });

  it('turns Google’s invalid_grant into an integration that needs reconnecting', async () => {
    const o = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = o.member('admin').actor;
    const creds = { ...(providerCases(env.sim).google_calendar!.good as Record<string, string>), refresh_token: '1//sim-expired-refresh' };
    await saveIntegration(actor, 'google_calendar', { display_name: 'Calendar', credentials: creds, save_unverified: true });
    const event = { summary: 'Quarterly planning', startTime: '2030-02-15T10:00:00Z', endTime: '2030-02-15T11:00:00Z', attendees: ['john@example.com'] };
    const refused = await runOperation(actor, call('google_calendar', 'create_event', event));
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'integration_unavailable', message: expect.stringContaining('Google') } } });
    const cred = await db.owner.query(`select last_test_ok, last_test_code from integration_credentials where organization_id = $1 and integration_type = 'google_calendar'`, [o.id]);
    expect(cred.rows[0]).toEqual({ last_test_ok: false, last_test_code: 'token_expired' });
    const failed = await db.owner.query(`select status, error_code, recipient from outbound_requests where organization_id = $1`, [o.id]);
    expect(failed.rows).toEqual([{ status: 'failed', error_code: 'token_expired', recipient: null }]);
  });
});

describe('callbacks settle the request that created the object', () => {
  it('keeps a payment open after a declined card, and completes it when Stripe reports it paid', async () => {
    const o = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = o.member('admin').actor;
    const secret = 'whsec_runTestStripe01';
    await saveIntegration(actor, 'stripe', { display_name: 'Stripe', credentials: { secret_key: 'sk_test_runOps01', webhook_secret: secret }, save_unverified: false });
    const intent = await runOperation(actor, call('stripe', 'create_intent', { amount: '99.99', currency: 'USD' }));
    const requestId = intent.body.requestId as string;
    const deliver = async (type: string, status: string) => {
      const at = new Date();
      const signed = signStripe(
        { id: `evt_${type}_${requestId.slice(0, 8)}`, object: 'event', type, created: Math.floor(at.getTime() / 1000), livemode: false, data: { object: { id: intent.body.paymentId, object: 'payment_intent', status, metadata: { gw_id: requestId } } } },
        secret,
        at,
      );
      await deliverCallback(o.id, 'stripe', signed);
    };
    await deliver('payment_intent.payment_failed', 'requires_payment_method');
    expect(await rowOf(requestId)).toMatchObject({ status: 'sent', object_status: 'failed' });
    await deliver('payment_intent.succeeded', 'succeeded');
    expect(await rowOf(requestId)).toMatchObject({ status: 'completed', object_status: 'succeeded' });
  });

  it('completes a PayPal order when PayPal reports its capture completed', async () => {
    const o = await freshOrganization(db.owner, { members: ['admin'] });
    const actor = o.member('admin').actor;
    const webhookId = '8PT597110X687430LKGECATA';
    await saveIntegration(actor, 'paypal', { display_name: 'PayPal', credentials: { ...(providerCases(env.sim).paypal!.good as Record<string, string>), webhook_id: webhookId }, save_unverified: false });
    const order = await runOperation(actor, call('paypal', 'create_order', { amount: '25.00', currency: 'USD' }));
    expect(order.status).toBe(200);
    const requestId = order.body.requestId as string;
    const signed = signPayPal(
      { id: `WH-${requestId.slice(0, 8)}`, create_time: new Date().toISOString(), event_type: 'PAYMENT.CAPTURE.COMPLETED', resource_type: 'capture', resource: { id: '3C679366HH908993F', status: 'COMPLETED', custom_id: requestId } },
      webhookId,
    );
    await deliverCallback(o.id, 'paypal', signed);
    expect(await rowOf(requestId)).toMatchObject({ channel: 'payments', status: 'completed', object_status: 'completed', provider_message_id: order.body.paymentId });
  });

  it('completes a signing request when DocuSeal reports it completed, and never another organization’s', async () => {
    const answer = await runOperation(admin(), call('docuseal', 'create_submission', { templateId: 1001, signers: [{ email: 'signer@example.com', name: 'Ana' }] }));
    expect(answer.status).toBe(200);
    const submissionId = answer.body.submissionId as string;
    const requestId = answer.body.requestId as string;
    expect(await rowOf(requestId)).toMatchObject({ channel: 'signing', status: 'sent', provider_message_id: submissionId });

    const deliver = (o: FreshOrganization) =>
      deliverCallback(
        o.id,
        'docuseal',
        signDocuSeal({ event_type: 'submission.completed', timestamp: new Date().toISOString(), data: { id: Number(submissionId), status: 'completed', submitters: [{ id: 1, external_id: requestId }] } }, WEBHOOK_SECRET, new Date()),
      );
    // The same event at another organization's URL names a request that is not theirs: nothing moves.
    await deliver(other);
    expect(await rowOf(requestId)).toMatchObject({ status: 'sent' });
    await deliver(org);
    expect(await rowOf(requestId)).toMatchObject({ status: 'completed', object_status: 'completed' });
  });
});
