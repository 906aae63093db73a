import 'server-only';
import { defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asRecord, objectBody } from './common.server';
import ctos, { CTOS_URL_ENV, ctosGateways } from './ctos';

// CTOS publishes no open API reference: everything here follows third-party notes on the "CTOS
// eKYC Gateway API v2.8" and is UNCONFIRMED, a labelled best effort to be checked against CTOS's
// own documentation before production:
//   - JSON POSTs to {base}/get-status with credentials in the body;
//   - signature = base64(SHA-256(api_key + security_key + package_name + ref_id + security_key + request_time));
//   - request_time as "YYYY-MM-DD HH:mm:ss", Malaysia time (assumed);
//   - no read-only call is known, so the test asks for the status of a reference that cannot exist:
//     a "not found" answer means the gateway accepted the key and signature; a key or signature
//     rejection means bad credentials. Replies are read loosely because their shape is unknown.

export const CTOS_TEST_REF_ID = 'switchboard-connection-test';

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

export default defineServerProvider(ctos, {
  // The tenant enters the gateway; the simulator stands in for it through the field's fallback.
  baseUrls: [{ env: CTOS_URL_ENV, simulatorPath: '/ctos' }],
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
