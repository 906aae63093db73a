// DocuSeal's and CTOS's operations making real attempts against the in-process simulator, as the
// portal runs them: the declared input schema parses the body, the provider's schema the
// credentials, and one attempt runs with a fresh operation context. The simulator's conventions are
// documented in scripts/simulator/providers/index.ts.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { beforeEach, describe, expect, it } from 'vitest';
import { simulatorForTests } from '@/tests/simulator';
import { providerCases, type Creds } from '@/tests/provider-cases';
import type { OperationResult } from '@/lib/operations/define.server';
import { createProbeContext } from '@/lib/integrations/probe';
import { attemptOperation, thrownFailure } from '@/tests/operations';

const simulator = simulatorForTests({ ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
beforeEach(() => fetch(`${simulator.sim.url}/_control/reset`, { method: 'POST' }));

const cases = () => providerCases(simulator.sim);

interface Attempt {
  result: OperationResult<Record<string, unknown>>;
  /** The HTTP bodies the operation posted, parsed. */
  bodies: Record<string, unknown>[];
  headers: Record<string, string>[];
}

async function run(type: string, action: string, creds: Creds, input: unknown, ids: { requestId?: string; idempotencyKey?: string } = {}): Promise<Attempt> {
  const { result, exchanges } = await attemptOperation(type, action, creds, input, ids);
  return {
    result,
    bodies: exchanges.filter((e) => e.body).map((e) => JSON.parse(e.body!) as Record<string, unknown>),
    headers: exchanges.map((e) => e.responseHeaders ?? {}),
  };
}

const thrown = thrownFailure;

const okOf = (attempt: Attempt) => {
  expect(attempt.result.ok, JSON.stringify(attempt.result)).toBe(true);
  return attempt.result as Extract<Attempt['result'], { ok: true }>;
};
const failureOf = (attempt: Attempt) => {
  expect(attempt.result.ok).toBe(false);
  return attempt.result as Extract<Attempt['result'], { ok: false }>;
};

describe('DocuSeal operations', () => {
  const good = () => cases().docuseal!.good;
  const twoSigners = {
    templateId: 1001,
    signers: [
      { email: 'Aisyah@Example.com', name: 'Aisyah Rahman', role: 'Borrower' },
      { email: 'guarantor@example.com', phone: '+60123456789' },
    ],
  };
  const create = (input: unknown = twoSigners, creds: Creds = good(), requestId?: string) => run('docuseal', 'create_submission', creds, input, { requestId });

  it('creates a submission for two signers: the array answer mapped, the request id on every submitter, no email in details', async () => {
    const requestId = randomUUID();
    const attempt = await create(twoSigners, good(), requestId);
    const result = okOf(attempt);
    const output = result.output as { submissionId: string; status: string; signers: { id: string; role: string | null; status: string; signUrl: string | null }[] };
    expect(output.submissionId).toMatch(/^\d+$/);
    expect(output.status).toBe('pending');
    expect(output.signers).toHaveLength(2);
    expect(output.signers.map((s) => s.role)).toEqual(['Borrower', 'Second Party']);
    for (const signer of output.signers) {
      expect(typeof signer.id).toBe('string');
      expect(signer.id).toMatch(/^\d+$/);
      expect(signer.signUrl).toMatch(/^https:\/\/docuseal\.example\/s\/[0-9a-f]+$/);
    }
    // Preserved order: the first signer is emailed now, the second when the first has signed.
    expect(output.signers.map((s) => s.status)).toEqual(['sent', 'awaiting']);
    expect(result).toMatchObject({ httpStatus: 200, objectId: output.submissionId, objectStatus: 'pending', pending: true, details: { template_id: 1001, signer_count: 2 } });
    const logged = JSON.stringify([result.details, result.objectStatus]);
    expect(logged).not.toMatch(/@|aisyah|docuseal\.example|\+6012/i);

    expect(attempt.bodies[0]).toEqual({
      template_id: 1001,
      send_email: true,
      submitters: [
        { email: 'aisyah@example.com', name: 'Aisyah Rahman', role: 'Borrower', external_id: requestId },
        { email: 'guarantor@example.com', phone: '+60123456789', external_id: requestId },
      ],
    });
  });

  it('sends the optional order, message and expiry in DocuSeal’s terms', async () => {
    const input = { ...twoSigners, sendEmail: false, order: 'random', message: { subject: 'Please sign', body: 'Your loan agreement.' }, expireAt: '2099-03-01T08:30:00+08:00' };
    const attempt = await create(input);
    expect(attempt.bodies[0]).toMatchObject({ send_email: false, order: 'random', message: { subject: 'Please sign', body: 'Your loan agreement.' }, expire_at: '2099-03-01 00:30:00 UTC' });
    const output = okOf(attempt).output as { signers: { status: string }[] };
    expect(output.signers.map((s) => s.status)).toEqual(['awaiting', 'awaiting']);
  });

  it('refuses a template that does not exist, naming templateId', async () => {
    const failure = failureOf(await create({ ...twoSigners, templateId: 999123 }));
    expect(failure).toMatchObject({ kind: 'rejected', code: 'rejected', httpStatus: 422, field: 'templateId' });
    expect(failure.message).toMatch(/Template not found/);
  });

  it('checks its input before calling DocuSeal', () => {
    const input = findServerProvider('docuseal')!.operations!.declarations.create_submission!.input;
    const issues = (value: unknown) => (z.safeParse(input, value).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ templateId: 1001, signers: [] })).toEqual(['signers: Add at least one signer.']);
    expect(issues({ templateId: 1.5, signers: [{ email: 'a@b.co' }] })).toEqual(['templateId: A template id is a whole number.']);
    expect(issues({ templateId: 1, signers: [{ email: 'nope' }] })).toEqual(['signers.0.email: Enter the signer’s email address.']);
    expect(issues({ templateId: 1, signers: [{ email: 'a@b.co', phone: '0123' }] })[0]).toMatch(/international form/);
    expect(issues({ templateId: 1, signers: [{ email: 'a@b.co' }], expireAt: '2001-01-01T00:00:00Z' })).toEqual(['expireAt: Choose an expiry in the future.']);
    expect(issues({ templateId: 1, signers: Array.from({ length: 21 }, (_, i) => ({ email: `s${i}@b.co` })) })).toEqual(['signers: A submission takes at most 20 signers.']);
  });

  it('throws the connection test’s failures for a refused key, and asks to retry a rate limit', async () => {
    expect((await thrown(create(twoSigners, { ...good(), api_key: 'simBadKey01' }))).code).toBe('bad_credentials');
    expect((await thrown(create(twoSigners, { ...good(), api_key: 'simNoscopeKey01' }))).code).toBe('missing_scope');
    expect(failureOf(await create(twoSigners, { ...good(), api_key: 'simRatelimitKey01' }))).toMatchObject({ kind: 'retry', code: 'rate_limited', retryAfterSeconds: 7, httpStatus: 429 });
  });

  it('reads a pending submission, completes it when the signers sign, and settles completed', async () => {
    const created = okOf(await create()).output as { submissionId: string };
    const get = () => run('docuseal', 'get_submission', good(), { submissionId: created.submissionId });

    const pending = okOf(await get());
    expect(pending).toMatchObject({ objectId: created.submissionId, objectStatus: 'pending', output: { submissionId: created.submissionId, status: 'pending', completedAt: null, documents: [] } });
    expect(pending.settles).toBeUndefined();
    expect((pending.output as { signers: { role: string | null }[] }).signers.map((s) => s.role)).toEqual(['Borrower', 'Second Party']);

    const signed = await fetch(`${simulator.sim.url}/_control/docuseal/submissions/${created.submissionId}/complete`, { method: 'POST' });
    expect(signed.status).toBe(200);

    const done = okOf(await get());
    expect(done).toMatchObject({ objectStatus: 'completed', settles: 'completed', output: { status: 'completed' } });
    const output = done.output as { completedAt: string | null; signers: { status: string; completedAt: string | null }[]; documents: { name: string; url: string }[] };
    expect(Date.parse(output.completedAt!)).not.toBeNaN();
    expect(output.signers.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(output.documents).toEqual([{ name: 'template-1001', url: expect.stringMatching(/^https:\/\/docuseal\.example\/file\//) }]);
  });

  it('settles failed when a signer declines', async () => {
    const created = okOf(await create()).output as { submissionId: string };
    await fetch(`${simulator.sim.url}/_control/docuseal/submissions/${created.submissionId}/decline`, { method: 'POST' });
    const read = okOf(await run('docuseal', 'get_submission', good(), { submissionId: created.submissionId }));
    expect(read).toMatchObject({ objectStatus: 'declined', settles: 'failed', output: { status: 'declined' } });
  });

  it('answers notFound for a submission DocuSeal does not have (or another key’s)', async () => {
    const unknown = failureOf(await run('docuseal', 'get_submission', good(), { submissionId: '424242' }));
    expect(unknown).toMatchObject({ kind: 'rejected', notFound: true, code: 'not_found', httpStatus: 404 });
    const created = okOf(await create()).output as { submissionId: string };
    const other = failureOf(await run('docuseal', 'get_submission', { ...good(), api_key: 'simOtherKey02' }, { submissionId: created.submissionId }));
    expect(other.notFound).toBe(true);
  });

  it('tells the configured webhook that the signers signed, with the request id as external_id', async () => {
    const receiver = `${simulator.sim.url}/_receiver/docuseal-signing`;
    await fetch(`${simulator.sim.url}/_control/webhooks/docuseal`, { method: 'PUT', body: JSON.stringify({ url: receiver, secret: 'whsec_simulated01', delayMs: 10 }) });
    const requestId = randomUUID();
    const created = okOf(await create(twoSigners, good(), requestId)).output as { submissionId: string };
    const answer = (await (await fetch(`${simulator.sim.url}/_control/docuseal/submissions/${created.submissionId}/complete`, { method: 'POST' })).json()) as { callbacks: string[] };
    expect(answer.callbacks).toEqual(['form.started', 'submission.completed']);
    await expect
      .poll(async () => ((await (await fetch(`${simulator.sim.url}/_control/receiver/docuseal-signing`)).json()) as { received: unknown[] }).received.length, { timeout: 3000 })
      .toBe(2);
    const { received } = (await (await fetch(`${simulator.sim.url}/_control/receiver/docuseal-signing`)).json()) as { received: { body: string }[] };
    const events = received.map((r) => JSON.parse(r.body) as { event_type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.event_type)).toEqual(['form.started', 'submission.completed']);
    expect(events[0]!.data).toMatchObject({ submission_id: Number(created.submissionId), external_id: requestId });
    expect(events[1]!.data).toMatchObject({ id: Number(created.submissionId), status: 'completed', submitters: [{ external_id: requestId }] });
  });
});

describe('CTOS eKYC operations', () => {
  const good = () => cases().ctos!.good;
  const person = { fullName: 'Aisyah binti Rahman', documentNumber: '900101-14-5678' };
  const create = (input: unknown = person, creds: Creds = good(), idempotencyKey = `sb-${randomUUID()}`) => run('ctos', 'create_check', creds, input, { idempotencyKey });
  const get = (checkId: string, creds: Creds = good()) => run('ctos', 'get_check', creds, { checkId });

  it('starts a check with the idempotency key as ref_id; the same key twice is the same onboarding', async () => {
    const key = `sb-${randomUUID()}`;
    const first = await create(person, good(), key);
    const result = okOf(first);
    const output = result.output as { checkId: string; onboardingId: string; onboardingUrl: string; status: string; expiresAt: string | null };
    expect(output).toMatchObject({ checkId: key, status: 'pending', onboardingId: expect.stringMatching(/^OB-/), onboardingUrl: expect.stringMatching(/^https:\/\//) });
    expect(output.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(result).toMatchObject({ objectId: key, objectStatus: 'pending', pending: true, details: { onboarding_id: output.onboardingId, document_type: 'mykad' } });
    expect(JSON.stringify([result.details, result.objectStatus])).not.toMatch(/aisyah|900101/i);
    expect(first.headers[0]!['x-simulated']).toBe('ctos-invented');
    expect(first.bodies[0]).toMatchObject({
      api_key: 'simCtosKey01',
      package_name: 'SIMPKG',
      ref_id: key,
      document_name: 'Aisyah binti Rahman',
      document_number: '900101-14-5678',
      document_type: 'mykad',
      request_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
    expect(first.bodies[0]).not.toHaveProperty('security_key');

    const again = okOf(await create(person, good(), key)).output as { onboardingId: string };
    expect(again.onboardingId).toBe(output.onboardingId);
  });

  it('reads in_progress, then completed and approved, which settles completed', async () => {
    const { checkId } = okOf(await create()).output as { checkId: string };
    const first = okOf(await get(checkId));
    expect(first).toMatchObject({ objectId: checkId, objectStatus: 'in_progress', output: { checkId, status: 'in_progress', result: null, steps: { document: 'passed', liveness: 'pending', faceMatch: 'pending' } } });
    expect(first.settles).toBeUndefined();
    const second = okOf(await get(checkId));
    expect(second).toMatchObject({ objectStatus: 'approved', settles: 'completed', output: { status: 'completed', result: 'approved', steps: { faceMatch: 'passed' } } });
  });

  it('settles failed when the result is rejected, and leaves manual review open', async () => {
    const rejected = okOf(await create({ ...person, documentNumber: 'A1REJECT9', documentType: 'passport' })).output as { checkId: string };
    await get(rejected.checkId);
    expect(okOf(await get(rejected.checkId))).toMatchObject({ objectStatus: 'rejected', settles: 'failed', output: { result: 'rejected', steps: { faceMatch: 'failed' } } });

    const review = okOf(await create({ ...person, documentNumber: 'A1REVIEW9' })).output as { checkId: string };
    await get(review.checkId);
    const read = okOf(await get(review.checkId));
    expect(read).toMatchObject({ objectStatus: 'manual_review', output: { status: 'completed', result: 'manual_review' } });
    expect(read.settles).toBeUndefined();
  });

  it('checks the person’s details before calling CTOS', () => {
    const input = findServerProvider('ctos')!.operations!.declarations.create_check!.input;
    expect(z.safeParse(input, { fullName: ' ', documentNumber: '900101-14-5678' }).error?.issues[0]?.message).toBe('Enter the person’s full name.');
    expect(z.safeParse(input, { fullName: 'A', documentNumber: '12 34' }).error?.issues[0]?.message).toMatch(/6 to 20 letters, digits or dashes/);
    expect(z.safeParse(input, { fullName: 'A', documentNumber: '900101145678', documentType: 'licence' }).error?.issues[0]?.message).toBe('Choose mykad or passport.');
  });

  it('throws bad_credentials for a refused key, asks to retry a rate limit, and answers notFound for an unknown check', async () => {
    expect((await thrown(create(person, { ...good(), api_key: 'simBadKey01' }))).code).toBe('bad_credentials');
    expect((await thrown(get('sb-anything', { ...good(), api_key: 'simBadKey01' }))).code).toBe('bad_credentials');
    expect(failureOf(await create(person, { ...good(), api_key: 'simRatelimitKey' }))).toMatchObject({ kind: 'retry', code: 'rate_limited', retryAfterSeconds: 7 });
    expect(failureOf(await get(`sb-${randomUUID()}`))).toMatchObject({ kind: 'rejected', notFound: true, code: 'not_found', httpStatus: 404, providerCode: 'NOT_FOUND' });
  });

  it('keeps the connection test passing on the same gateway layout', async () => {
    const provider = findServerProvider('ctos')!;
    const ctx = createProbeContext(5000);
    try {
      const result = await provider.test(provider.schema.parse(good()) as Record<string, unknown>, ctx);
      expect(result).toMatchObject({ ok: true, details: { reference_lookup: 'not found (expected)' } });
    } finally {
      ctx.dispose();
    }
  });
});
