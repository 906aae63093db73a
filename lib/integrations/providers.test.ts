// Every provider's connection test against the in-process simulator (no database): good
// credentials pass, each convention value gives its typed failure, a slow provider times out
// within the test's own limit, no result carries a secret, and tenant-entered hosts cannot reach
// private networks. The value conventions are documented in scripts/simulator/providers/index.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exotelNumbers, simulatorProviderEnv, twilioNumbers } from '@/scripts/simulator/providers';
import { startSimulator, type Simulator } from '@/scripts/simulator/server';
import type { AnyProvider, FailureCode, TestResult } from './define';
import { createProbeContext } from './probe';
import { smtpPresets } from './providers/smtp';
import { findProvider, providers } from './registry';
import { runProviderTest } from './run';

type Creds = Record<string, unknown>;

interface Variant {
  name: string;
  creds: Creds;
  code: FailureCode;
  message?: RegExp;
  /** Expected retryAfterSeconds: a number, a [min, max] range, or null for "not given". */
  retryAfter?: number | [number, number] | null;
}

interface Case {
  good: Creds;
  /** Overrides for the `slow` convention (the simulator waits 30 s). */
  slow: Creds;
  variants: Variant[];
  details?: Record<string, unknown>;
}

let sim: Simulator;
const savedEnv: Record<string, string | undefined> = {};

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (!(key in savedEnv)) savedEnv[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, smtpPort: 0 });
  setEnv({ ...simulatorProviderEnv(sim.url, { port: sim.smtpPort }), ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' });
});

afterAll(async () => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await sim?.close();
});

/** Runs a provider's test the way the server does: validate, then one time-limited run. */
async function run(id: string, creds: Creds, timeoutMs = 5000): Promise<TestResult> {
  const provider = findProvider(id)!;
  return runProviderTest(provider, provider.schema.parse(creds) as Record<string, unknown>, timeoutMs);
}

function expectNoSecret(provider: AnyProvider, creds: Creds, result: TestResult) {
  const text = JSON.stringify(result);
  for (const [field, spec] of Object.entries(provider.fields)) {
    const value = creds[field];
    if (spec.secret && typeof value === 'string' && value.length >= 6) expect(text, `${provider.id} result leaks ${field}`).not.toContain(value);
  }
}

// Credential builders that satisfy each schema while carrying a convention word.
const hex32 = (prefix: string) => (prefix + '0'.repeat(32)).slice(0, 32);
const twilioSid = (hexPrefix = '0123456789abcdef') => `AC${hex32(hexPrefix)}`;
const sendgridKey = (word: string) => `SG.${(word + 'x'.repeat(22)).slice(0, 22)}.${'y'.repeat(43)}`;
const ratelimited = (retryAfter: Variant['retryAfter'] = 7) => ({ code: 'rate_limited' as const, retryAfter });

function cases(): Record<string, Case> {
  const exotel = { account_sid: 'acme-demo', api_key: 'key-1234567890ab', api_token: 'token-good-1234', region: 'sg' };
  const meta = { waba_id: '102290129340398', phone_number_id: '106540352242922', access_token: 'EAAsimulatorGoodToken0001' };
  const google = { client_id: '1234567890-sim.apps.googleusercontent.com', client_secret: 'GOCSPX-simgood', refresh_token: '1//sim-good-refresh' };
  const docuseal = { base_url: `${sim.url}/docuseal`, api_key: 'simDocusealKey01' };
  const ctos = { base_url: `${sim.url}/ctos`, api_key: 'simCtosKey01', package_name: 'SIMPKG', security_key: 'simSecurityKey01' };
  const smtp = { preset: 'custom', host: '127.0.0.1', port: String(sim.smtpPort), security: 'none', username: 'mailer@example.com', password: 'good-password', from_email: 'mailer@example.com' };
  const zoom = { account_id: 'simAccount_123', client_id: 'simClientId01', client_secret: 'simSecretGood01' };

  return {
    exotel_phone: {
      good: { ...exotel, virtual_number: '01141169300' },
      slow: { api_token: 'token-slow-1' },
      details: { region: 'sg', numbers: 3 },
      variants: [
        { name: 'bad', creds: { api_token: 'token-bad-1' }, code: 'bad_credentials' },
        { name: 'notfound', creds: { account_sid: 'notfound-acct' }, code: 'not_found' },
        { name: 'ratelimit', creds: { api_token: 'token-ratelimit-1' }, ...ratelimited() },
      ],
    },
    twilio: {
      good: { account_sid: twilioSid(), auth_token: hex32('feedfacecafe1111'), sms_number: '+1 415 555 0100', whatsapp_number: 'whatsapp:+14155238886' },
      slow: { auth_token: hex32('de1a7') },
      details: { friendly_name: 'Acme Support', type: 'Full', status: 'active' },
      variants: [
        { name: 'bad', creds: { auth_token: hex32('bad') }, code: 'bad_credentials' },
        { name: 'noscope', creds: { auth_token: hex32('0403') }, code: 'missing_scope' },
        { name: 'ratelimit', creds: { auth_token: hex32('0429') }, ...ratelimited() },
        { name: 'notfound', creds: { account_sid: twilioSid('999') }, code: 'not_found' },
        { name: 'closed', creds: { account_sid: twilioSid('c105ed') }, code: 'bad_credentials', message: /closed/ },
      ],
    },
    exotel_whatsapp: {
      good: { ...exotel, region: 'in', whatsapp_number: '+91 98765 43210', business_name: 'Acme' },
      slow: { api_token: 'token-slow-2' },
      details: { region: 'in', numbers: 3 },
      variants: [
        { name: 'bad', creds: { api_token: 'token-bad-2' }, code: 'bad_credentials' },
        { name: 'notfound', creds: { account_sid: 'notfound-wa' }, code: 'not_found' },
        { name: 'ratelimit', creds: { api_token: 'token-ratelimit-2' }, ...ratelimited() },
      ],
    },
    meta_whatsapp: {
      good: meta,
      slow: { access_token: 'EAAslowToken0000000000001' },
      details: { verified_name: 'Acme Support' },
      variants: [
        // Meta answers every unusable token with code 190, which the portal reports as token_expired.
        { name: 'bad', creds: { access_token: 'EAAbadToken00000000000001' }, code: 'token_expired', message: /invalid or was revoked/ },
        { name: 'expired', creds: { access_token: 'EAAexpiredToken0000000001' }, code: 'token_expired', message: /has expired/ },
        { name: 'noscope', creds: { access_token: 'EAAnoscopeToken0000000001' }, code: 'missing_scope' },
        // HTTP 400 #80007 without Retry-After; X-Business-Use-Case-Usage says 1 minute.
        { name: 'ratelimit', creds: { access_token: 'EAAratelimitToken00000001' }, ...ratelimited(60) },
        { name: 'waba not found', creds: { waba_id: '99912345678' }, code: 'not_found' },
        { name: 'number of another WABA', creds: { phone_number_id: '99954321' }, code: 'not_found', message: /does not belong/ },
      ],
    },
    resend: {
      good: { api_key: 're_simGoodKey_123', from_email: 'hello@Example.com' },
      slow: { api_key: 're_slow_123' },
      details: { domain: 'example.com', domain_status: 'verified' },
      variants: [
        { name: 'bad', creds: { api_key: 're_bad_123' }, code: 'bad_credentials' },
        { name: 'noscope', creds: { api_key: 're_noscope_123' }, code: 'missing_scope', message: /sending-only/ },
        { name: 'ratelimit', creds: { api_key: 're_ratelimit_123' }, ...ratelimited() },
        { name: 'unknown domain', creds: { from_email: 'hello@unknown.example' }, code: 'not_found', message: /unknown\.example/ },
        { name: 'pending domain', creds: { from_email: 'hello@pending.example' }, code: 'not_found', message: /not verified \(status pending\)/ },
      ],
    },
    sendgrid: {
      good: { api_key: sendgridKey('simgood'), from_email: 'hello@example.com', region: 'global' },
      slow: { api_key: sendgridKey('slow') },
      details: { region: 'global', mail_send: true },
      variants: [
        { name: 'bad', creds: { api_key: sendgridKey('bad') }, code: 'bad_credentials' },
        { name: 'noscope', creds: { api_key: sendgridKey('noscope') }, code: 'missing_scope' },
        // No Retry-After: the wait comes from X-RateLimit-Reset (now + 7 s).
        { name: 'ratelimit', creds: { api_key: sendgridKey('ratelimit') }, ...ratelimited([6, 8]) },
        { name: 'bad (EU)', creds: { api_key: sendgridKey('bad'), region: 'eu' }, code: 'bad_credentials' },
      ],
    },
    smtp: {
      good: smtp,
      slow: { password: 'slow-password' },
      details: { host: '127.0.0.1', port: sim.smtpPort, security: 'none' },
      variants: [
        { name: 'bad', creds: { password: 'bad-password' }, code: 'bad_credentials' },
        { name: 'ratelimit (454)', creds: { password: 'ratelimit-password' }, code: 'rate_limited' },
      ],
    },
    stripe: {
      good: { secret_key: 'sk_test_simGood123', mode: 'test' },
      slow: { secret_key: 'sk_test_slow1' },
      details: { livemode: false, key_type: 'secret', currencies: 'EUR, USD' },
      variants: [
        { name: 'bad', creds: { secret_key: 'sk_test_bad1' }, code: 'bad_credentials' },
        { name: 'expired', creds: { secret_key: 'sk_test_expired1' }, code: 'token_expired' },
        { name: 'noscope', creds: { secret_key: 'rk_test_noscope1' }, code: 'missing_scope' },
        { name: 'ratelimit', creds: { secret_key: 'sk_test_ratelimit1' }, ...ratelimited() },
      ],
    },
    paypal: {
      good: { client_id: 'AYsimClientId-01', client_secret: 'EGsimSecret-01', mode: 'sandbox' },
      slow: { client_secret: 'EGslowSecret' },
      details: { mode: 'sandbox', app_id: 'APP-80W284485P519543T', expires_in: 32400 },
      variants: [
        { name: 'bad', creds: { client_secret: 'EGbadSecret' }, code: 'bad_credentials', message: /rejected/ },
        { name: 'bad (live)', creds: { client_secret: 'EGbadSecret', mode: 'live' }, code: 'bad_credentials' },
        { name: 'ratelimit', creds: { client_secret: 'EGratelimitSecret' }, ...ratelimited() },
      ],
    },
    zoom: {
      good: zoom,
      slow: { client_secret: 'simSecretSlow' },
      details: { role_name: 'Owner', user_type: 2 },
      variants: [
        { name: 'bad', creds: { client_secret: 'simSecretBad' }, code: 'bad_credentials' },
        { name: 'expired', creds: { client_secret: 'simSecretExpired' }, code: 'token_expired' },
        { name: 'noscope', creds: { client_secret: 'simSecretNoscope' }, code: 'missing_scope' },
        { name: 'ratelimit', creds: { client_secret: 'simSecretRatelimit' }, ...ratelimited() },
        { name: 'account not found', creds: { account_id: 'notfound_account' }, code: 'not_found' },
      ],
    },
    google_calendar: {
      good: google,
      slow: { client_secret: 'GOCSPX-slow' },
      details: { has_calendars: true, first_calendar_time_zone: 'Asia/Kolkata', scopes: 'calendar.readonly calendar.events' },
      variants: [
        { name: 'bad', creds: { client_secret: 'GOCSPX-bad' }, code: 'bad_credentials' },
        { name: 'expired', creds: { refresh_token: '1//sim-expired' }, code: 'token_expired' },
        { name: 'noscope', creds: { refresh_token: '1//sim-noscope' }, code: 'missing_scope' },
        { name: 'ratelimit', creds: { refresh_token: '1//sim-ratelimit' }, ...ratelimited() },
        { name: 'not connected', creds: { refresh_token: '' }, code: 'token_expired', message: /Not connected/ },
      ],
    },
    docuseal: {
      good: docuseal,
      slow: { api_key: 'simSlowKey01' },
      details: { edition: 'self-hosted', has_templates: true },
      variants: [
        { name: 'bad', creds: { api_key: 'simBadKey01' }, code: 'bad_credentials' },
        { name: 'noscope', creds: { api_key: 'simNoscopeKey' }, code: 'missing_scope' },
        { name: 'ratelimit', creds: { api_key: 'simRatelimitKey' }, ...ratelimited() },
        { name: 'wrong base URL', creds: { base_url: `${sim.url}/nothing-here` }, code: 'not_found' },
      ],
    },
    ctos: {
      good: ctos,
      slow: { api_key: 'simSlowKey01' },
      details: { reference_lookup: 'not found (expected)' },
      variants: [
        { name: 'bad', creds: { api_key: 'simBadKey01' }, code: 'bad_credentials' },
        { name: 'ratelimit', creds: { api_key: 'simRatelimitKey' }, ...ratelimited() },
      ],
    },
  };
}

describe('provider connection tests against the simulator', () => {
  it('has a case for every registered provider, and the registry is in tab order', () => {
    expect(Object.keys(cases()).sort()).toEqual(providers.map((p) => p.id).sort());
    const groups = providers.map((p) => p.group);
    expect(groups).toEqual(['phone', 'phone', 'whatsapp', 'whatsapp', 'email', 'email', 'email', 'payments', 'payments', 'meetings', 'meetings', 'signing', 'signing']);
  });

  for (const provider of providers) {
    describe(provider.id, () => {
      it('passes with good credentials and returns no secret', async () => {
        const c = cases()[provider.id];
        expect(c, `no test case for provider ${provider.id}`).toBeDefined();
        const result = await run(provider.id, c!.good);
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true, ...(c!.details ? { details: c!.details } : {}) });
        expect(result.latencyMs).toBeGreaterThanOrEqual(0);
        expectNoSecret(provider, c!.good, result);
      });

      it('fails with the typed code for each convention value', async () => {
        const c = cases()[provider.id]!;
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
        const c = cases()[provider.id]!;
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
    const provider = findProvider(id)!;
    const ctx = createProbeContext(5000);
    try {
      return await provider.sync!(provider.schema.parse(creds), ctx);
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
    const provider = findProvider('google_calendar')!;
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
  beforeAll(() => setEnv({ ALLOW_PRIVATE_PROVIDER_HOSTS: undefined }));
  afterAll(() => setEnv({ ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' }));

  it('refuses loopback and link-local DocuSeal URLs without contacting them', async () => {
    const before = sim.providers.hitsOf('docuseal');
    for (const base_url of [`http://127.0.0.1:${sim.port}/docuseal`, 'http://169.254.169.254']) {
      const started = performance.now();
      const result = await run('docuseal', { base_url, api_key: 'simDocusealKey01' });
      expect(result, base_url).toMatchObject({ ok: false, code: 'unreachable' });
      expect(result.ok ? '' : result.message).toMatch(/private network/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(sim.providers.hitsOf('docuseal')).toBe(before);
  });

  it('refuses a CTOS gateway on a private address', async () => {
    const before = sim.providers.hitsOf('ctos');
    const result = await run('ctos', { base_url: `http://127.0.0.1:${sim.port}/ctos`, api_key: 'k1', package_name: 'P', security_key: 's1' });
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(sim.providers.hitsOf('ctos')).toBe(before);
  });

  it('refuses an SMTP host that resolves to loopback', async () => {
    const result = await run('smtp', {
      preset: 'custom',
      host: 'localhost',
      port: sim.smtpPort,
      security: 'starttls',
      username: 'mailer@example.com',
      password: 'good-password',
      from_email: 'mailer@example.com',
    });
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(result.ok ? '' : result.message).toMatch(/private network/);
  });
});
