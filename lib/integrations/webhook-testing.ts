// What the providers' webhook tests share: a delivery as the receiving route hands it to a verifier,
// a context with a chosen clock (and, for providers verified online, HTTP to the simulator), and an
// HMAC written with Web Crypto, an implementation independent of the node:crypto the verifiers use.
import type { SignedCallback } from '@/scripts/simulator/webhooks/sign';
import type { InboundRequest, VerifyOutcome, WebhookContext } from '@/lib/webhooks/inbound/define';
import type { ProbeResponse } from './define.server';

export const HOOK_URL = 'https://portal.example.com/api/webhooks/in/wh_7Qm2xK9pL4';

export function inbound(signed: SignedCallback, url = signed.url ?? HOOK_URL, method: 'GET' | 'POST' = 'POST'): InboundRequest {
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, url, query: new URL(url).searchParams, headers, rawBody: Buffer.from(signed.body, 'utf8') };
}

/** The same delivery with one byte of the body changed. */
export function flipped(req: InboundRequest, at = Math.floor(req.rawBody.length / 2)): InboundRequest {
  const rawBody = Buffer.from(req.rawBody);
  rawBody[at] = rawBody[at]! ^ 0x01;
  return { ...req, rawBody };
}

export function without(req: InboundRequest, header: string): InboundRequest {
  const headers = { ...req.headers };
  delete headers[header];
  return { ...req, headers };
}

/** A context at `now`; `simulator` is the base URL of a running simulator, for online checks. */
export function context(now = new Date(), simulator?: string): WebhookContext & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    now: () => now,
    baseUrl: (declared) => (simulator ? `${simulator}${declared.simulatorPath}` : declared.url),
    async request(url, init) {
      calls.push(url);
      if (!simulator) throw new Error(`No network in this test: ${url}`);
      const response = await fetch(url, { method: init?.method ?? 'GET', headers: init?.headers, body: init?.body });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const result: ProbeResponse = { status: response.status, headers: Object.fromEntries(response.headers), text, json };
      return result;
    },
  };
}

export async function webHmac(hash: 'SHA-1' | 'SHA-256', key: string | Uint8Array, message: string, encoding: 'hex' | 'base64'): Promise<string> {
  const raw = typeof key === 'string' ? new TextEncoder().encode(key) : new Uint8Array(key);
  const cryptoKey = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign']);
  const mac = Buffer.from(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(message)));
  return mac.toString(encoding);
}

/** The delivery a verifier accepted (fails the test with the refusal otherwise). */
export async function accepted(pending: VerifyOutcome | Promise<VerifyOutcome>) {
  const outcome = await pending;
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}${outcome.detail ? ` (${outcome.detail})` : ''}`);
  return outcome.delivery;
}

export async function reasonOf(pending: VerifyOutcome | Promise<VerifyOutcome>): Promise<string> {
  const outcome = await pending;
  return outcome.ok ? 'accepted' : outcome.reason;
}
