import 'server-only';
import { ProbeFailure, type ProbeContext, type ProbeResponse } from '../define.server';

// What CTOS's connection test and its operations share. CTOS publishes no open API reference: the
// layout below follows third-party notes on the "CTOS eKYC Gateway API v2.8" and is UNCONFIRMED, a
// labelled best effort to be checked against CTOS's own documentation before production:
//   - the base URL is the gateway as CTOS issues it, ending in /v2/gateway (see ctosGateways), and
//     every call is a JSON POST to {base}/<action>: {base}/create-transaction, {base}/get-status;
//   - credentials travel in the body: api_key (and package_name), never the security key, which
//     only signs: signature = base64(SHA-256(api_key + security_key + package_name + ref_id +
//     security_key + request_time));
//   - request_time as "YYYY-MM-DD HH:mm:ss", Malaysia time (assumed).

export type CtosCredentials = { base_url: string; api_key: string; package_name: string; security_key: string };

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

export const badCredentials = () =>
  new ProbeFailure('bad_credentials', 'CTOS rejected the API key or request signature.', 'Check the API key, package name and security key CTOS issued for this environment (UAT and production differ).');

/** One signed call for a reference: the credentials, ref_id, request_time and signature, plus `fields`. */
export async function ctosPost(
  credentials: CtosCredentials,
  action: 'create-transaction' | 'get-status',
  refId: string,
  fields: Record<string, string>,
  ctx: Pick<ProbeContext, 'request'>,
): Promise<ProbeResponse> {
  const requestTime = ctosRequestTime();
  const signature = await ctosSignature({
    apiKey: credentials.api_key,
    securityKey: credentials.security_key,
    packageName: credentials.package_name,
    refId,
    requestTime,
  });
  const body = {
    api_key: credentials.api_key,
    package_name: credentials.package_name,
    ref_id: refId,
    request_time: requestTime,
    signature,
    ...fields,
  };
  return ctx.request(`${credentials.base_url.replace(/\/+$/, '')}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    userHost: true,
  });
}
