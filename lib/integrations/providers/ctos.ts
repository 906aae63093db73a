// CTOS eKYC (Malaysia). CTOS publishes no open API reference: everything here follows the
// third-party notes summarised in PROVIDERS.md ("CTOS eKYC Gateway API v2.8") and is UNCONFIRMED.
// It is a labelled best effort, to be checked against CTOS's own documentation before production:
//   - JSON POSTs to {base}/get-status with credentials in the body;
//   - signature = base64(SHA-256(api_key + security_key + package_name + ref_id + security_key + request_time));
//   - request_time as "YYYY-MM-DD HH:mm:ss", Malaysia time (assumed);
//   - no read-only call is known, so the test asks for the status of a reference that cannot exist:
//     a "not found" answer means the gateway accepted the key and signature; a key or signature
//     rejection means bad credentials. Replies are read loosely because their shape is unknown.
// SHA-256 comes from Web Crypto (globalThis.crypto.subtle), present in browsers and Node 20, so
// this module still imports nothing but zod.
import { z } from 'zod';
import { defineProvider, opaqueSecret, passed, ProbeFailure, rateLimited, requiredText, unexpected, type ProbeResponse } from '../define';
import { asRecord, objectBody, serviceUrl } from './common';

export const CTOS_TEST_REF_ID = 'switchboard-connection-test';
export const ctosGateways = {
  uat: 'https://uat-eonboarding.ctos.com.my/v2/gateway',
  production: 'https://eonboardingsme.ctos.com.my/v2/gateway',
} as const;

/** The request signature (best-effort shape, see above). */
export async function ctosSignature(p: { apiKey: string; securityKey: string; packageName: string; refId: string; requestTime: string }): Promise<string> {
  const data = new TextEncoder().encode(p.apiKey + p.securityKey + p.packageName + p.refId + p.securityKey + p.requestTime);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** "YYYY-MM-DD HH:mm:ss" in Malaysia time (UTC+8, no daylight saving). */
export function ctosRequestTime(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const AUTH_WORDS = /signature|api[\s_-]?key|unauthori[sz]ed|authenticat|forbidden|invalid (key|credential)|access denied/i;
const NOT_FOUND_WORDS = /not\s*found|does\s*not\s*exist|no\s*(such\s*)?record|no\s*transaction|invalid\s*ref/i;

/** The reply's human-readable fields joined, for loose matching (never shown to anyone). */
function replyText(response: ProbeResponse): string | null {
  const body = objectBody(response);
  if (!body) return null;
  const parts: string[] = [];
  const collect = (record: Record<string, unknown> | null) => {
    for (const key of ['status', 'code', 'error', 'error_code', 'message', 'description', 'result']) {
      const value = record?.[key];
      if (typeof value === 'string' || typeof value === 'number') parts.push(String(value));
    }
  };
  collect(body);
  collect(asRecord(body.error));
  collect(asRecord(body.data));
  return parts.join(' ');
}

const badCredentials = () =>
  new ProbeFailure('bad_credentials', 'CTOS rejected the API key or request signature.', 'Check the API key, package name and security key CTOS issued for this environment (UAT and production differ).');

export default defineProvider({
  id: 'ctos',
  name: 'CTOS eKYC',
  group: 'signing',
  description: 'Identity verification (eKYC) for Malaysian customers through the CTOS eOnboarding gateway.',
  // CTOS has no public API reference; its site is the closest real page.
  docsUrl: 'https://ctoscredit.com.my/',
  schema: z.object({
    base_url: serviceUrl('gateway URL', ctosGateways.uat),
    api_key: opaqueSecret('API key', 500),
    package_name: requiredText('package name', 100),
    security_key: opaqueSecret('security key', 500),
    cipher_iv: z.preprocess((v) => (v === '' || v === null ? undefined : v), opaqueSecret('cipher IV', 200).optional()),
  }),
  fields: {
    base_url: {
      label: 'Gateway URL',
      kind: 'url',
      placeholder: ctosGateways.uat,
      help: `UAT: ${ctosGateways.uat}; production: ${ctosGateways.production} (as CTOS confirms in your onboarding pack).`,
      userHost: true,
      env: 'CTOS_API_URL',
    },
    api_key: { label: 'API key', secret: true, env: 'CTOS_API_KEY' },
    package_name: { label: 'Package name', help: 'The eKYC package CTOS set up for you.', env: 'CTOS_PACKAGE_NAME' },
    security_key: {
      label: 'Security key',
      secret: true,
      help: 'Signs every request; never sent itself. Sometimes called the “md5” key in CTOS samples.',
      env: 'CTOS_SECURITY_KEY',
    },
    cipher_iv: {
      label: 'Cipher IV (optional)',
      secret: true,
      help: 'Only if CTOS issued one for encrypting request fields (AES-256-CBC).',
      env: 'CTOS_CIPHER_IV',
    },
  },
  async test(credentials, ctx) {
    const requestTime = ctosRequestTime();
    const signature = await ctosSignature({
      apiKey: credentials.api_key,
      securityKey: credentials.security_key,
      packageName: credentials.package_name,
      refId: CTOS_TEST_REF_ID,
      requestTime,
    });
    const response = await ctx.request(`${credentials.base_url}/get-status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: credentials.api_key, package_name: credentials.package_name, ref_id: CTOS_TEST_REF_ID, request_time: requestTime, signature }),
      userHost: true,
    });
    if (response.status === 429) throw rateLimited(response, 'CTOS');
    if (response.status === 401 || response.status === 403) throw badCredentials();
    const text = replyText(response);
    if (text !== null && AUTH_WORDS.test(text)) throw badCredentials();
    const host = new URL(credentials.base_url).host;
    // The dummy reference does not exist: "not found" is the answer that proves the credentials.
    if (text !== null && (response.status === 200 || response.status === 404 || response.status === 400) && NOT_FOUND_WORDS.test(text)) {
      const environment = host === new URL(ctosGateways.production).host ? 'production' : host.includes('uat') ? 'uat' : null;
      return passed(ctx, { host, environment, reference_lookup: 'not found (expected)' });
    }
    if (response.status === 404) {
      throw new ProbeFailure('not_found', 'No CTOS gateway answered at this URL.', `Check the gateway URL, e.g. ${ctosGateways.uat} for UAT.`);
    }
    throw unexpected(response, 'CTOS');
  },
});
