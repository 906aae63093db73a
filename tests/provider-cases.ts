// Credentials for every provider that the simulator answers in known ways (its conventions are in
// scripts/simulator/providers/index.ts): the good set, the slow set, and the failures each gives.
// Shared by the provider tests and the service tests.
import type { Simulator } from '@/scripts/simulator/server';
import type { FailureCode } from '@/lib/integrations/define';

export type Creds = Record<string, unknown>;

export interface Variant {
  name: string;
  creds: Creds;
  code: FailureCode;
  message?: RegExp;
  /** Expected retryAfterSeconds: a number, a [min, max] range, or null for "not given". */
  retryAfter?: number | [number, number] | null;
}

export interface Case {
  good: Creds;
  /** Overrides for the `slow` convention (the simulator waits 30 s). */
  slow: Creds;
  variants: Variant[];
  details?: Record<string, unknown>;
}

// Credential builders that satisfy each schema while carrying a convention word.
export const hex32 = (prefix: string) => (prefix + '0'.repeat(32)).slice(0, 32);
export const twilioSid = (hexPrefix = '0123456789abcdef') => `AC${hex32(hexPrefix)}`;
export const sendgridKey = (word: string) => `SG.${(word + 'x'.repeat(22)).slice(0, 22)}.${'y'.repeat(43)}`;
const ratelimited = (retryAfter: Variant['retryAfter'] = 7) => ({ code: 'rate_limited' as const, retryAfter });

export function providerCases(sim: Pick<Simulator, 'url' | 'smtpPort'>): Record<string, Case> {
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

