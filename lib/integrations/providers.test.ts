// Every provider's connection test against the in-process simulator (no database): good
// credentials pass, each convention value gives its typed failure, a slow provider times out
// within the test's own limit, no result carries a secret, and tenant-entered hosts cannot reach
// private networks. The value conventions are documented in scripts/simulator/providers/index.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exotelNumbers, twilioNumbers } from '@/scripts/simulator/providers';
import { simulatorForTests } from '@/tests/simulator';
import { hex32, providerCases, sendgridKey, twilioSid, type Creds } from '@/tests/provider-cases';
import { providerGroups, type AnyProvider, type TestResult } from './define';
import { createProbeContext } from './probe';
import { smtpPresets } from './providers/smtp';
import { findProvider, providers } from './registry';
import { findServerProvider } from './registry.server';
import { runProviderTest } from './run';

const simulator = simulatorForTests({ ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });

/** Runs a provider's test the way the server does: validate, then one time-limited run. */
async function run(id: string, creds: Creds, timeoutMs = 5000): Promise<TestResult> {
  const provider = findServerProvider(id)!;
  return runProviderTest(provider, provider.schema.parse(creds) as Record<string, unknown>, timeoutMs);
}

function expectNoSecret(provider: AnyProvider, creds: Creds, result: TestResult) {
  const text = JSON.stringify(result);
  for (const [field, spec] of Object.entries(provider.fields)) {
    const value = creds[field];
    if (spec.secret && typeof value === 'string' && value.length >= 6) expect(text, `${provider.id} result leaks ${field}`).not.toContain(value);
  }
}

describe('provider connection tests against the simulator', () => {
  it('has a case for every registered provider, and the registry is in tab order', () => {
    expect(Object.keys(providerCases(simulator.sim)).sort()).toEqual(providers.map((p) => p.id).sort());
    const tabOrder = providers.map((p) => providerGroups.findIndex((g) => g.id === p.group));
    expect(tabOrder).toEqual([...tabOrder].sort((a, b) => a - b));
    for (const group of providerGroups) expect(providers.some((p) => p.group === group.id), `no provider in ${group.id}`).toBe(true);
  });

  for (const provider of providers) {
    describe(provider.id, () => {
      it('passes with good credentials and returns no secret', async () => {
        const c = providerCases(simulator.sim)[provider.id];
        expect(c, `no test case for provider ${provider.id}`).toBeDefined();
        const result = await run(provider.id, c!.good);
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true, ...(c!.details ? { details: c!.details } : {}) });
        expect(result.latencyMs).toBeGreaterThanOrEqual(0);
        expectNoSecret(provider, c!.good, result);
      });

      it('fails with the typed code for each convention value', async () => {
        const c = providerCases(simulator.sim)[provider.id]!;
        for (const variant of c.variants) {
          const creds = { ...c.good, ...variant.creds };
          const result = await run(provider.id, creds);
          expect(result, `${variant.name}: ${JSON.stringify(result)}`).toMatchObject({ ok: false, code: variant.code });
          if (result.ok) continue;
          expect(result.message.length).toBeGreaterThan(0);
          expect(result.hint.length).toBeGreaterThan(0);
          if (variant.message) expect(result.message, variant.name).toMatch(variant.message);
          if (Array.isArray(variant.retryAfter)) {
            expect(result.retryAfterSeconds, variant.name).toBeGreaterThanOrEqual(variant.retryAfter[0]);
            expect(result.retryAfterSeconds, variant.name).toBeLessThanOrEqual(variant.retryAfter[1]);
          } else if (variant.retryAfter === null) {
            expect(result.retryAfterSeconds, variant.name).toBeUndefined();
          } else if (variant.retryAfter !== undefined) {
            expect(result.retryAfterSeconds, variant.name).toBe(variant.retryAfter);
          }
          expectNoSecret(provider, creds, result);
        }
      });

      it('times out within its own limit when the provider is slow', async () => {
        const c = providerCases(simulator.sim)[provider.id]!;
        const started = performance.now();
        const result = await run(provider.id, { ...c.good, ...c.slow }, 500);
        const elapsed = performance.now() - started;
        expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: 'timeout' });
        // A correctness bound (the simulator waits 30 s), not a benchmark.
        expect(elapsed).toBeLessThan(5000);
      });
    });
  }
});

describe('phone-number sync', () => {
  async function sync(id: string, creds: Creds) {
    const provider = findServerProvider(id)!;
    const ctx = createProbeContext(5000);
    try {
      return await provider.sync!.list(provider.schema.parse(creds), ctx);
    } finally {
      ctx.dispose();
    }
  }

  it('lists Exotel numbers deterministically per account, across pages', async () => {
    const base = { api_key: 'key-1', api_token: 'token-1', region: 'in', virtual_number: '01141169300' };
    const few = await sync('exotel_phone', { ...base, account_sid: 'acme-demo' });
    expect(few.map((n) => n.phoneNumber)).toEqual(exotelNumbers('acme-demo').map((n) => n.phone_number));
    expect(few).toHaveLength(3);
    expect(few[0]).toMatchObject({ displayName: 'Main line', canCall: true });
    const many = await sync('exotel_phone', { ...base, account_sid: 'many-numbers' });
    expect(many).toHaveLength(120);
    expect(new Set(many.map((n) => n.externalId)).size).toBe(120);
  });

  it('lists Twilio numbers, following next_page_uri', async () => {
    const base = { auth_token: hex32('feedface') };
    const two = await sync('twilio', { ...base, account_sid: twilioSid() });
    expect(two.map((n) => n.phoneNumber)).toEqual(twilioNumbers(twilioSid()).map((n) => n.phone_number));
    expect(two[0]).toMatchObject({ canCall: true, canSms: true });
    const many = await sync('twilio', { ...base, account_sid: twilioSid('5ca1e') });
    expect(many).toHaveLength(120);
  });
});

describe('Google OAuth connect flow', () => {
  it('sends the browser to the consent page and trades the code for a refresh token', async () => {
    const provider = findServerProvider('google_calendar')!;
    const credentials = { client_id: '1234567890-sim.apps.googleusercontent.com', client_secret: 'GOCSPX-simgood' };
    const redirectUri = 'https://portal.example/api/oauth/callback';
    const ctx = createProbeContext(5000);
    try {
      const authorize = new URL(provider.oauth!.authorizeUrl(credentials, { redirectUri, state: 'state-123' }, ctx));
      expect(authorize.searchParams.get('access_type')).toBe('offline');
      expect(authorize.searchParams.get('prompt')).toBe('consent');
      expect(authorize.searchParams.get('scope')).toContain('calendar.readonly');
      const html = await (await fetch(authorize)).text();
      expect(html).toContain('Switchboard simulator — Google consent');
      const allow = /href="([^"]+)">Allow</.exec(html)![1]!.replace(/&amp;/g, '&');
      const callback = new URL(allow);
      expect(callback.origin + callback.pathname).toBe(redirectUri);
      expect(callback.searchParams.get('state')).toBe('state-123');
      const deny = new URL(/href="([^"]+)">Deny</.exec(html)![1]!.replace(/&amp;/g, '&'));
      expect(deny.searchParams.get('error')).toBe('access_denied');

      const stored = await provider.oauth!.exchange(credentials, { code: callback.searchParams.get('code')!, redirectUri }, ctx);
      expect(Object.keys(stored)).toEqual(['refresh_token']);
      expect(stored.refresh_token).toMatch(/^1\/\/sim-/);
      const result = await run('google_calendar', { ...credentials, ...stored });
      expect(result).toMatchObject({ ok: true });

      await expect(provider.oauth!.exchange(credentials, { code: 'not-a-sim-code', redirectUri }, ctx)).rejects.toMatchObject({ code: 'token_expired' });
    } finally {
      ctx.dispose();
    }
  });
});

describe('credential schemas', () => {
  const errorOf = (id: string, creds: Creds, field: string) => {
    const parsed = findProvider(id)!.schema.safeParse(creds);
    expect(parsed.success).toBe(false);
    return parsed.error!.issues.filter((i) => i.path[0] === field).map((i) => i.message).join(' ');
  };

  it('rejects an API key SID in Twilio’s Account SID field, readably', () => {
    expect(errorOf('twilio', { account_sid: `SK${hex32('ab')}`, auth_token: hex32('ab') }, 'account_sid')).toMatch(/API key SID.*starts with AC/);
    expect(errorOf('twilio', { account_sid: twilioSid(), auth_token: 'not-hex' }, 'auth_token')).toMatch(/32 characters/);
  });

  it('rejects a Stripe publishable key, and a key from the other mode', () => {
    expect(errorOf('stripe', { secret_key: 'pk_test_abc123', mode: 'test' }, 'secret_key')).toMatch(/publishable key/);
    expect(errorOf('stripe', { secret_key: 'sk_test_abc123', mode: 'live' }, 'secret_key')).toMatch(/test-mode key/);
    expect(findProvider('stripe')!.schema.safeParse({ secret_key: 'rk_live_abc123' }).success).toBe(true);
  });

  it('rejects a SendGrid key of the wrong shape', () => {
    expect(errorOf('sendgrid', { api_key: 'SG.short.key', from_email: 'a@example.com' }, 'api_key')).toMatch(/SG\./);
    expect(findProvider('sendgrid')!.schema.parse({ api_key: sendgridKey('ok'), from_email: 'a@example.com' })).toMatchObject({ region: 'global' });
  });

  it('checks the other shapes that are easy to get wrong', () => {
    expect(errorOf('resend', { api_key: 'sk_123', from_email: 'a@example.com' }, 'api_key')).toMatch(/re_/);
    expect(errorOf('google_calendar', { client_id: '123.example.com', client_secret: 'x' }, 'client_id')).toMatch(/apps\.googleusercontent\.com/);
    expect(errorOf('meta_whatsapp', { waba_id: 'abc', phone_number_id: '123456', access_token: 'EAA'.padEnd(30, 'x') }, 'waba_id')).toMatch(/digits/);
    expect(errorOf('docuseal', { base_url: 'http://docuseal.example.com', api_key: 'k' }, 'base_url')).toMatch(/https/);
    expect(findProvider('docuseal')!.schema.parse({ api_key: 'k' })).toMatchObject({ base_url: 'https://api.docuseal.com' });
    const zoho = { preset: 'zoho_pro', host: 'smtp.zoho.eu', port: 465, security: 'tls', username: 'u@x.eu', password: 'p', from_email: 'u@x.eu' };
    expect(errorOf('smtp', zoho, 'host')).toMatch(/smtppro\.zoho/);
    expect(findProvider('smtp')!.schema.safeParse({ ...zoho, host: 'smtppro.zoho.eu' }).success).toBe(true);
    expect(smtpPresets.zoho).toMatchObject({ host: 'smtp.zoho.com', port: 465, security: 'tls' });
  });
});

describe('tenant-entered hosts cannot reach private networks', () => {
  beforeAll(() => {
    delete process.env.ALLOW_PRIVATE_PROVIDER_HOSTS;
  });
  afterAll(() => {
    process.env.ALLOW_PRIVATE_PROVIDER_HOSTS = 'true';
  });

  it('refuses loopback and link-local DocuSeal URLs without contacting them', async () => {
    const before = simulator.sim.providers.hitsOf('docuseal');
    for (const base_url of [`http://127.0.0.1:${simulator.sim.port}/docuseal`, 'http://169.254.169.254']) {
      const started = performance.now();
      const result = await run('docuseal', { base_url, api_key: 'simDocusealKey01' });
      expect(result, base_url).toMatchObject({ ok: false, code: 'unreachable' });
      expect(result.ok ? '' : result.message).toMatch(/private network/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(simulator.sim.providers.hitsOf('docuseal')).toBe(before);
  });

  it('refuses a CTOS gateway on a private address', async () => {
    const before = simulator.sim.providers.hitsOf('ctos');
    const result = await run('ctos', { base_url: `http://127.0.0.1:${simulator.sim.port}/ctos`, api_key: 'k1', package_name: 'P', security_key: 's1' });
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(simulator.sim.providers.hitsOf('ctos')).toBe(before);
  });

  it('refuses an SMTP host that resolves to loopback', async () => {
    const result = await run('smtp', {
      preset: 'custom',
      host: 'localhost',
      port: simulator.sim.smtpPort,
      security: 'starttls',
      username: 'mailer@example.com',
      password: 'good-password',
      from_email: 'mailer@example.com',
    });
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(result.ok ? '' : result.message).toMatch(/private network/);
  });
});

describe('the seed\'s own request bodies', () => {
  it('an Exotel test body without a region means Singapore, as Exotel defaults', () => {
    const parsed = findProvider('exotel_phone')!.schema.safeParse({ account_sid: 'acme', api_key: 'key-1', api_token: 'token-1', virtual_number: '01141169368' });
    expect(parsed.success && parsed.data).toMatchObject({ region: 'sg' });
  });
});
