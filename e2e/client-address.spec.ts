// A client cannot choose the address the portal records: with no proxy configured, X-Forwarded-For
// is ignored by the sign-in throttle and by audit rows alike.
import { randomUUID } from 'node:crypto';
import { request as playwrightRequest } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { withOwner } from './db';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

/** One password attempt through next-auth's own endpoint; returns next-auth's error code, or null on success. */
async function attempt(email: string, password: string, forwardedFor: string): Promise<string | null> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': forwardedFor } });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await context.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
  const { url } = (await response.json()) as { url: string };
  await context.dispose();
  return new URL(url).searchParams.get('error');
}

const clearAddressCounters = () => withOwner((c) => c.query(`delete from auth_throttle where key like 'ip:%'`));

test.afterEach(clearAddressCounters);

test('changing X-Forwarded-For does not escape the per-address sign-in limit', async () => {
  await clearAddressCounters();
  // 30 failures for 30 different accounts, each claiming another address: all from one socket.
  for (let i = 0; i < 30; i++) {
    expect(await attempt(`nobody-${randomUUID()}@example.test`, 'wrong-password', `198.51.100.${i + 1}`)).toBe('CredentialsSignin');
  }
  expect(await attempt(`nobody-${randomUUID()}@example.test`, 'wrong-password', '203.0.113.200')).toBe('TooManyAttempts');
});

test('audit rows record the socket address, not the one a client claims', async () => {
  const admin = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL, 'x-forwarded-for': '6.6.6.6' } });
  await apiSignIn(admin, accounts.admin);
  const { data } = (await (await admin.get('/api/v1/settings/members')).json()) as { data: { membershipId: string; email: string }[] };
  const agent = data.find((m) => m.email === accounts.agent)!;
  expect((await admin.patch(`/api/v1/settings/members/${agent.membershipId}`, { data: { role: 'manager' } })).status()).toBe(200);
  expect((await admin.patch(`/api/v1/settings/members/${agent.membershipId}`, { data: { role: 'agent' } })).status()).toBe(200);
  await admin.dispose();

  const ips = await withOwner(async (c) =>
    (await c.query<{ ip: string | null }>(`select host(ip) as ip from integration_audit_logs where action = 'member.role_changed' order by created_at desc limit 2`)).rows.map((r) => r.ip),
  );
  expect(ips).toHaveLength(2);
  for (const ip of ips) expect(['127.0.0.1', '::1']).toContain(ip);
});
