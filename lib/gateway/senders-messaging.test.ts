// The WhatsApp and email senders (Meta, Resend, SendGrid, SMTP) making real attempts against the
// in-process simulator through the gateway's send context: what each accepted attempt returns and
// what the provider logged, and how each recipient convention (401, 429, 500) is classified. The
// conventions are documented in scripts/simulator/providers/index.ts.
import { createHash, randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SentRecord } from '@/scripts/simulator/providers';
import { simulatorForTests } from '@/tests/simulator';
import { providerCases, sendgridKey, type Creds } from '@/tests/provider-cases';
import { ProbeFailure, type ProbeResponse } from '@/lib/integrations/define.server';
import { metaSendFailure } from '@/lib/integrations/providers/meta-whatsapp.send.server';
import { resendSendFailure } from '@/lib/integrations/providers/resend.send.server';
import { sendgridSendFailure } from '@/lib/integrations/providers/sendgrid.send.server';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { createSendContext } from './context';
import type { Outbound, SendResult } from './define';

const simulator = simulatorForTests({ ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
beforeEach(() => fetch(`${simulator.sim.url}/_control/reset`, { method: 'POST' }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function sentLog(provider: string, to: string): Promise<SentRecord[]> {
  const query = new URLSearchParams({ provider, to });
  return (await (await fetch(`${simulator.sim.url}/_control/sent?${query}`)).json()) as SentRecord[];
}

interface Attempt {
  result: SendResult;
  /** The HTTP bodies the sender posted, as sent. */
  bodies: string[];
}

/** One attempt as the job runner makes it: validated credentials, a fresh send context. */
async function attempt(type: string, creds: Creds, message: Outbound, ids: { requestId?: string; idempotencyKey?: string } = {}): Promise<Attempt> {
  const provider = findServerProvider(type)!;
  expect(provider.send, `${type} declares no sender`).toBeDefined();
  const requestId = ids.requestId ?? randomUUID();
  const ctx = createSendContext({ requestId, idempotencyKey: ids.idempotencyKey ?? `sb-${requestId}`, timeoutMs: 5000 });
  const bodies: string[] = [];
  const request = ctx.request;
  ctx.request = (url, init) => {
    if (init?.body) bodies.push(init.body);
    return request(url, init);
  };
  try {
    const values = provider.schema.parse(creds) as Record<string, unknown>;
    return { result: await provider.send!.send(values, message, ctx), bodies };
  } finally {
    ctx.dispose();
  }
}

const cases = () => providerCases(simulator.sim);

describe('Meta WhatsApp sender', () => {
  const good = () => cases().meta_whatsapp!.good;
  const text = (to: string): Outbound => ({ channel: 'whatsapp', to, text: 'Your code is 123456' });

  it('sends a text, stores the wamid, and puts the request id in biz_opaque_callback_data', async () => {
    const requestId = randomUUID();
    const { result, bodies } = await attempt('meta_whatsapp', good(), text('+60123456789'), { requestId });
    expect(result).toMatchObject({ ok: true, httpStatus: 200, providerStatus: 'accepted' });
    if (!result.ok) return;
    expect(result.providerId).toMatch(/^wamid\./);
    const log = await sentLog('meta', '60123456789');
    expect(log.map((r) => [r.outcome, r.providerId])).toEqual([['accepted', result.providerId]]);
    // The body the simulator received is the one posted, and it carries the request id.
    expect(log[0]!.bodySha256).toBe(sha256(bodies[0]!));
    expect(JSON.parse(bodies[0]!)).toMatchObject({ to: '60123456789', type: 'text', biz_opaque_callback_data: requestId, text: { body: 'Your code is 123456' } });
  });

  it('sends a template with its variables in order and the language code as given', async () => {
    const message: Outbound = { channel: 'whatsapp', to: '+60123456780', template: { name: 'loan_approved', language: 'en_US', variables: ['Aisyah', 'RM 5,000'] } };
    const { result, bodies } = await attempt('meta_whatsapp', good(), message);
    expect(result.ok).toBe(true);
    expect(JSON.parse(bodies[0]!).template).toEqual({
      name: 'loan_approved',
      language: { code: 'en_US' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Aisyah' }, { type: 'text', text: 'RM 5,000' }] }],
    });
  });

  it('rejects a template that does not exist (132001) with a sentence naming it', async () => {
    const message: Outbound = { channel: 'whatsapp', to: '+60123456781', template: { name: 'missing_offer', language: 'en_US', variables: [] } };
    const { result } = await attempt('meta_whatsapp', good(), message);
    expect(result).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', providerCode: '132001', httpStatus: 404 });
    if (!result.ok) expect(result.message).toBe('The template missing_offer (en_US) is not approved on this WhatsApp account.');
  });

  it('classifies a revoked token as dead, throughput (130429) and 131000 as retry', async () => {
    expect((await attempt('meta_whatsapp', good(), text('+60124010000'))).result).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', providerCode: '190' });
    const limited = (await attempt('meta_whatsapp', good(), text('+60124290000'))).result;
    // Meta sends no Retry-After, and these replies carry no usage header either.
    expect(limited).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', providerCode: '130429' });
    expect(limited).not.toHaveProperty('retryAfterSeconds');
    expect((await attempt('meta_whatsapp', good(), text('+60125000000'))).result).toMatchObject({ ok: false, kind: 'retry', code: 'provider_error', providerCode: '131000' });
  });

  it('reads an expired token (190/463) as token_expired, and a WABA rate limit’s regain time', async () => {
    expect((await attempt('meta_whatsapp', { ...good(), access_token: 'EAAexpiredToken0000000001' }, text('+60123456782'))).result).toMatchObject({
      ok: false,
      kind: 'dead',
      code: 'token_expired',
    });
    expect((await attempt('meta_whatsapp', { ...good(), access_token: 'EAAratelimitToken00000001' }, text('+60123456783'))).result).toMatchObject({
      ok: false,
      kind: 'retry',
      code: 'rate_limited',
      providerCode: '80007',
      retryAfterSeconds: 60,
    });
  });
});

describe('Resend sender', () => {
  const good = () => cases().resend!.good;
  const email = (to: string): Outbound => ({ channel: 'email', to, subject: 'Welcome', html: '<p>Hi</p>', text: 'Hi' });

  it('sends, stores the id, and tags the email with the request id', async () => {
    const requestId = randomUUID();
    const { result, bodies } = await attempt('resend', good(), email('ana@client.example'), { requestId });
    expect(result).toMatchObject({ ok: true, httpStatus: 200 });
    const log = await sentLog('resend', 'ana@client.example');
    expect(log.map((r) => [r.outcome, r.providerId, r.idempotencyKey])).toEqual([['accepted', result.ok && result.providerId, `sb-${requestId}`]]);
    expect(log[0]!.bodySha256).toBe(sha256(bodies[0]!));
    expect(JSON.parse(bodies[0]!)).toMatchObject({ from: 'hello@Example.com', to: ['ana@client.example'], tags: [{ name: 'gw_id', value: requestId }] });
  });

  it('sends a request twice with one idempotency key: Resend replays the first answer', async () => {
    const requestId = randomUUID();
    const first = await attempt('resend', good(), email('bo@client.example'), { requestId });
    const second = await attempt('resend', good(), email('bo@client.example'), { requestId });
    expect(second.result).toEqual(first.result);
    expect((await sentLog('resend', 'bo@client.example')).map((r) => r.outcome)).toEqual(['accepted', 'replayed']);
  });

  it('classifies a revoked key as dead, 429 as retry after retry-after, 500 as retry', async () => {
    expect((await attempt('resend', good(), email('x401@client.example'))).result).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', providerCode: 'invalid_api_key' });
    expect((await attempt('resend', good(), email('x429@client.example'))).result).toMatchObject({
      ok: false,
      kind: 'retry',
      code: 'rate_limited',
      providerCode: 'rate_limit_exceeded',
      retryAfterSeconds: 1,
    });
    expect((await attempt('resend', good(), email('x500@client.example'))).result).toMatchObject({ ok: false, kind: 'retry', code: 'provider_error', httpStatus: 500 });
  });

  it('rejects a from address on an unverified domain, and lets a sending-only key send', async () => {
    const unverified = (await attempt('resend', { ...good(), from_email: 'hello@pending.example' }, email('cy@client.example'))).result;
    expect(unverified).toMatchObject({ ok: false, kind: 'rejected', code: 'rejected', httpStatus: 403 });
    if (!unverified.ok) expect(unverified.message).toMatch(/pending\.example domain is not verified/);
    expect((await attempt('resend', { ...good(), api_key: 're_noscope_123' }, email('cy@client.example'))).result.ok).toBe(true);
  });
});

describe('SendGrid sender', () => {
  const good = () => cases().sendgrid!.good;
  const email = (to: string): Outbound => ({ channel: 'email', to, subject: 'Welcome', html: '<p>Hi</p>', text: 'Hi' });

  it('sends (202), stores X-Message-Id, and puts the request id in custom_args', async () => {
    const requestId = randomUUID();
    const { result, bodies } = await attempt('sendgrid', good(), email('ana@client.example'), { requestId });
    expect(result).toMatchObject({ ok: true, httpStatus: 202 });
    if (!result.ok) return;
    expect(result.providerId).toMatch(/^[\w-]{22}$/);
    const log = await sentLog('sendgrid', 'ana@client.example');
    expect(log.map((r) => [r.outcome, r.providerId])).toEqual([['accepted', result.providerId]]);
    expect(log[0]!.bodySha256).toBe(sha256(bodies[0]!));
    const body = JSON.parse(bodies[0]!) as { personalizations: unknown[]; content: { type: string }[] };
    expect(body.personalizations).toEqual([{ to: [{ email: 'ana@client.example' }], custom_args: { gw_id: requestId } }]);
    expect(body.content.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
  });

  it('classifies 401 as dead, 429 as retry until X-RateLimit-Reset, 500 as retry', async () => {
    expect((await attempt('sendgrid', good(), email('x401@client.example'))).result).toMatchObject({ ok: false, kind: 'dead', code: 'bad_credentials', httpStatus: 401 });
    const limited = (await attempt('sendgrid', good(), email('x429@client.example'))).result;
    expect(limited).toMatchObject({ ok: false, kind: 'retry', code: 'rate_limited', httpStatus: 429 });
    expect(!limited.ok && limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(!limited.ok && limited.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect((await attempt('sendgrid', good(), email('x500@client.example'))).result).toMatchObject({ ok: false, kind: 'retry', code: 'provider_error', httpStatus: 500 });
  });

  it('reads a key without Mail Send (403) as dead', async () => {
    expect((await attempt('sendgrid', { ...good(), api_key: sendgridKey('noscope') }, email('cy@client.example'))).result).toMatchObject({ ok: false, kind: 'dead', httpStatus: 403 });
  });
});

describe('SMTP sender', () => {
  const good = () => cases().smtp!.good;
  const email = (to: string): Outbound => ({ channel: 'email', to, subject: 'Welcome', text: 'Hi' });

  it('sends with our Message-ID, which becomes the provider id', async () => {
    const requestId = randomUUID();
    const { result } = await attempt('smtp', good(), email('ana@client.example'), { requestId });
    expect(result).toEqual({ ok: true, providerId: `<${requestId}@switchboard>`, httpStatus: 250 });
    expect((await sentLog('smtp', 'ana@client.example')).map((r) => r.outcome)).toEqual(['accepted']);
  });

  // The send context throws these typed; the gateway turns bad_credentials into a dead attempt and
  // rate_limited into a retry.
  it('throws bad_credentials for 530, rate_limited for the 451s', async () => {
    await expect(attempt('smtp', good(), email('x401@client.example'))).rejects.toSatisfy((e) => e instanceof ProbeFailure && e.code === 'bad_credentials');
    await expect(attempt('smtp', good(), email('x429@client.example'))).rejects.toSatisfy((e) => e instanceof ProbeFailure && e.code === 'rate_limited');
    await expect(attempt('smtp', good(), email('x500@client.example'))).rejects.toSatisfy((e) => e instanceof ProbeFailure && e.code === 'rate_limited');
  });
});

/** A reply the simulator does not give, as the senders read it. */
const reply = (status: number, json: unknown, headers: Record<string, string> = {}): ProbeResponse => ({ status, headers, json, text: JSON.stringify(json) });

describe('replies the simulator does not give', () => {
  const whatsapp: Outbound = { channel: 'whatsapp', to: '+60123456789', template: { name: 'loan_approved', language: 'en_US', variables: [] } };
  const graph = (code: number, status = 400, headers: Record<string, string> = {}) =>
    metaSendFailure(reply(status, { error: { message: `(#${code}) …`, type: 'OAuthException', code, fbtrace_id: 'x' } }, headers), whatsapp);

  it('Meta: keys on the error code, not the HTTP status', () => {
    expect(graph(131047)).toMatchObject({ kind: 'rejected', providerCode: '131047' });
    expect(graph(132016)).toMatchObject({ kind: 'rejected', message: 'The template loan_approved (en_US) was disabled by Meta for low quality.' });
    expect(graph(131031, 403)).toMatchObject({ kind: 'dead', message: expect.stringMatching(/locked/) });
    expect(graph(368)).toMatchObject({ kind: 'dead' });
    expect(graph(10, 403)).toMatchObject({ kind: 'dead', code: 'bad_credentials' });
    expect(graph(131056)).toMatchObject({ kind: 'retry', code: 'rate_limited' });
    expect(graph(4, 400, { 'x-app-usage': '{"call_count":100,"total_time":20,"estimated_time_to_regain_access":3}' })).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 180,
    });
    expect(graph(2, 503)).toMatchObject({ kind: 'retry', code: 'provider_error' });
  });

  it('Resend: quotas wait for their reset (or less when the headers say so), idempotency conflicts, restricted keys', () => {
    const quota = (name: string, headers: Record<string, string> = {}) => resendSendFailure(reply(429, { statusCode: 429, name, message: 'quota' }, headers));
    const daily = quota('daily_quota_exceeded');
    expect(daily).toMatchObject({ kind: 'retry', code: 'rate_limited' });
    expect(daily.retryAfterSeconds).toBeGreaterThan(0);
    expect(daily.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);
    expect(quota('monthly_quota_exceeded', { 'retry-after': '600' }).retryAfterSeconds).toBeLessThanOrEqual(600);
    const conflict = (name: string) => resendSendFailure(reply(409, { statusCode: 409, name, message: '…' }));
    expect(conflict('concurrent_idempotent_requests')).toMatchObject({ kind: 'retry' });
    expect(conflict('invalid_idempotent_request')).toMatchObject({ kind: 'rejected' });
    expect(resendSendFailure(reply(401, { statusCode: 401, name: 'restricted_api_key', message: 'This API key is restricted to only send emails' }))).toMatchObject({
      kind: 'dead',
      message: expect.stringMatching(/cannot send/),
    });
    expect(resendSendFailure(reply(403, { statusCode: 403, name: 'suspended_api_key', message: '…' }))).toMatchObject({ kind: 'dead' });
    expect(resendSendFailure(reply(401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' }))).toMatchObject({ kind: 'dead' });
    expect(resendSendFailure(reply(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }))).toMatchObject({ kind: 'rejected' });
  });

  it('SendGrid: a 403 about the sender is this email’s problem, not the key’s; 413 is refused', () => {
    const unverified = { errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from', help: null }] };
    expect(sendgridSendFailure(reply(403, unverified))).toMatchObject({ kind: 'rejected', code: 'rejected' });
    expect(sendgridSendFailure(reply(413, { errors: [] }))).toMatchObject({ kind: 'rejected' });
    expect(sendgridSendFailure(reply(400, { errors: [{ message: 'Bad Request', field: null }] }))).toMatchObject({ kind: 'rejected' });
  });
});
