// Cookie-authenticated writes must come from the portal's own origin: scheme, host and port, as the
// configured public URL names them. Neither an https Origin against an http portal nor a forged
// X-Forwarded-Host gets through.
import { request as playwrightRequest } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

test('writes are refused unless Origin is exactly the portal', async () => {
  const admin = await playwrightRequest.newContext({ baseURL });
  await apiSignIn(admin, accounts.admin);
  const { data } = (await (await admin.get('/api/v1/settings/members')).json()) as { data: { membershipId: string; email: string; role: string }[] };
  const agent = data.find((m) => m.email === accounts.agent)!;
  const patch = (headers: Record<string, string>) =>
    admin.patch(`/api/v1/settings/members/${agent.membershipId}`, { data: { role: agent.role }, headers });

  const host = new URL(baseURL).host;
  const attempts: Record<string, string>[] = [
    { origin: `https://${host}` },
    { origin: 'http://localhost:1' },
    { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
    { origin: 'null' },
    {},
  ];
  for (const headers of attempts) {
    const response = await patch(headers);
    expect(response.status(), JSON.stringify(headers)).toBe(403);
    expect((await response.json()).error.code).toBe('bad_origin');
  }
  expect((await patch({ origin: baseURL })).status()).toBe(200);
  await admin.dispose();
});
