// The simulator's email send APIs (Resend, SendGrid, SMTP) over real HTTP and SMTP.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SentRecord } from './providers';
import { startSimulator, type Simulator } from './server';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, smtpPort: 0, sendSlowMs: 300 });
});
afterAll(() => sim?.close());
beforeEach(() => fetch(`${sim.url}/_control/reset`, { method: 'POST' }));

const sent = async (query = ''): Promise<SentRecord[]> => (await (await fetch(`${sim.url}/_control/sent${query}`)).json()) as SentRecord[];
const email = (to: string | string[], subject = 'Welcome') => ({ from: 'Acme <noreply@example.com>', to, subject, html: '<p>Hi</p>' });

describe('Resend sends', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}/resend/${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer re_good', 'content-type': 'application/json', 'user-agent': 'switchboard-test', ...headers },
      body: JSON.stringify(body),
    });

  it('sends an email (200 {id}) and reads it back', async () => {
    const res = await post('emails', email('ana@client.example'));
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('2');
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await fetch(`${sim.url}/resend/emails/${id}`, { headers: { authorization: 'Bearer re_good' } });
    expect(await read.json()).toMatchObject({ object: 'email', id, to: ['ana@client.example'], last_event: 'delivered' });
    expect((await sent('?provider=resend'))[0]).toMatchObject({ kind: 'email', to: 'ana@client.example', providerId: id, outcome: 'accepted' });
  });

  it('sends a batch of up to 100, one record per email, and refuses 101', async () => {
    const res = await post('emails/batch', [email('a@client.example'), email(['b@client.example', 'c@client.example'])]);
    const { data } = (await res.json()) as { data: { id: string }[] };
    expect(data).toHaveLength(2);
    expect((await sent('?provider=resend')).map((r) => r.to)).toEqual(['a@client.example', 'b@client.example,c@client.example']);
    expect((await sent('?to=c@client.example')).length).toBe(1);
    const tooMany = await post('emails/batch', Array.from({ length: 101 }, () => email('a@client.example')));
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ statusCode: 422, name: 'validation_error' });
  });

  it('answers validation errors in its shape: missing field, unverified domain, no User-Agent', async () => {
    const missing = await post('emails', { ...email('a@client.example'), subject: undefined });
    expect(await missing.json()).toEqual({ statusCode: 422, name: 'missing_required_field', message: 'Missing `subject` field.' });
    const domain = await post('emails', { ...email('a@client.example'), from: 'x@pending.example' });
    expect(domain.status).toBe(403);
    const anonymous = await fetch(`${sim.url}/resend/emails`, { method: 'POST', headers: { authorization: 'Bearer re_good', 'user-agent': '' }, body: JSON.stringify(email('a@client.example')) });
    expect(anonymous.status).toBe(403);
    expect((await sent('?provider=resend')).map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('honours Idempotency-Key: same body → the first answer without a second send; other body → 409', async () => {
    const key = { 'idempotency-key': 'welcome-user/42' };
    const first = (await (await post('emails', email('ana@client.example'), key)).json()) as { id: string };
    const again = await post('emails', email('ana@client.example'), key);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    const other = await post('emails', email('ana@client.example', 'Changed'), key);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect((await sent('?outcome=accepted')).map((r) => [r.providerId, r.idempotencyKey])).toEqual([[first.id, 'welcome-user/42']]);
    expect((await sent('?outcome=replayed')).length).toBe(1);
    expect((await post('emails', email('ana@client.example'), { 'idempotency-key': 'x'.repeat(257) })).status).toBe(400);
  });

  it('forgets idempotency keys after 24 hours', async () => {
    const key = { 'idempotency-key': 'expiring' };
    await post('emails', email('ana@client.example'), key);
    const realNow = sim.providers.sends.now;
    sim.providers.sends.now = () => realNow() + 24 * 60 * 60 * 1000 + 1;
    try {
      expect((await post('emails', email('ana@client.example', 'Another'), key)).status).toBe(200);
    } finally {
      sim.providers.sends.now = realNow;
    }
    expect((await sent('?outcome=accepted')).length).toBe(2);
  });

  it('rate limits a 429 recipient twice with retry-after: 1, then sends once under the same key', async () => {
    const key = { 'idempotency-key': 'retry-me' };
    for (let i = 0; i < 2; i++) {
      const res = await post('emails', email('limit429@client.example'), key);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      expect(await res.json()).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    }
    expect((await post('emails', email('limit429@client.example'), key)).status).toBe(200);
    expect((await sent('?to=limit429@client.example')).map((r) => r.outcome)).toEqual(['rate_limited', 'rate_limited', 'accepted']);
  });

  it('answers a 401 recipient with invalid_api_key and a 500 one with application_error', async () => {
    expect(await (await post('emails', email('dead401@client.example'))).json()).toMatchObject({ statusCode: 403, name: 'invalid_api_key' });
    expect(await (await post('emails', email('down500@client.example'))).json()).toMatchObject({ statusCode: 500, name: 'application_error' });
  });

  it('answers a concurrent repeat of a slow send with 409 concurrent_idempotent_requests', async () => {
    const key = { 'idempotency-key': 'slow-one' };
    const first = post('emails', email('slow@client.example'), key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const concurrent = await post('emails', email('slow@client.example'), key);
    expect(await concurrent.json()).toMatchObject({ statusCode: 409, name: 'concurrent_idempotent_requests' });
    expect((await first).status).toBe(200);
  });
});

describe('SendGrid sends', () => {
  const send = (body: unknown, key = 'SG.good') =>
    fetch(`${sim.url}/sendgrid/v3/mail/send`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const mail = (to: string) => ({
    personalizations: [{ to: [{ email: to }], custom_args: { gw_id: 'msg_1' } }],
    from: { email: 'noreply@example.com', name: 'Acme' },
    subject: 'Welcome',
    content: [{ type: 'text/plain', value: 'Hi' }],
  });

  it('accepts with 202, an empty body and X-Message-Id', async () => {
    const res = await send(mail('ana@client.example'));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const id = res.headers.get('x-message-id');
    expect(id).toMatch(/^[\w-]{22}$/);
    expect((await sent('?provider=sendgrid'))[0]).toMatchObject({ to: 'ana@client.example', providerId: id, outcome: 'accepted' });
  });

  it('answers errors as {errors:[{message, field, help}]}', async () => {
    const invalid = await send({ ...mail('ana@client.example'), from: undefined, subject: undefined });
    expect(invalid.status).toBe(400);
    const { errors } = (await invalid.json()) as { errors: { message: string; field: string; help: string }[] };
    expect(errors.map((e) => e.field)).toEqual(['from.email', 'subject']);
    expect(errors[0]!.help).toMatch(/^http/);
    expect((await send(mail('ana@client.example'), 'SG.bad')).status).toBe(401);
    expect((await send(mail('ana@client.example'), 'SG.noscope')).status).toBe(403);
    const dead = await send(mail('k401@client.example'));
    expect(dead.status).toBe(401);
    expect(await dead.json()).toEqual({ errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null }] });
  });

  it('rate limits with X-RateLimit-Reset and no Retry-After, twice', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await send(mail('r429@client.example'));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBeNull();
        expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      }
    }
    expect(statuses).toEqual([429, 429, 202]);
  });
});

describe('SMTP sends', () => {
  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: sim.smtpPort, secure: false, ignoreTLS: true, auth: { user: 'mailer', pass: 'secret' } });

  it('accepts a message and records it without its body', async () => {
    const info = await transport().sendMail({ from: 'noreply@example.com', to: 'ana@client.example', subject: 'Welcome', text: 'Hi' });
    expect(info.accepted).toEqual(['ana@client.example']);
    const [record] = await sent('?provider=smtp');
    expect(record).toMatchObject({ kind: 'email', to: 'ana@client.example', outcome: 'accepted' });
    expect(info.response).toContain(`queued as ${record!.providerId}`);
  });

  it('refuses RCPT for marked recipients: 530 for 401, 451 twice for 429', async () => {
    await expect(transport().sendMail({ from: 'noreply@example.com', to: 'x401@client.example', text: 'Hi' })).rejects.toMatchObject({ code: 'EENVELOPE', responseCode: 530 });
    for (let i = 0; i < 2; i++) {
      await expect(transport().sendMail({ from: 'noreply@example.com', to: 'x429@client.example', text: 'Hi' })).rejects.toMatchObject({ responseCode: 451 });
    }
    expect((await transport().sendMail({ from: 'noreply@example.com', to: 'x429@client.example', text: 'Hi' })).accepted).toEqual(['x429@client.example']);
    expect((await sent('?provider=smtp')).map((r) => r.outcome)).toEqual(['unauthorized', 'rate_limited', 'rate_limited', 'accepted']);
  });
});
