import 'server-only';
import { Agent, request } from 'undici';
import { Webhook } from 'standardwebhooks';
import { isPrivateLiteral, privateHostsAllowed, publicOnlyLookup } from '@/lib/integrations/network';
import { deliveryTimeoutMs } from './schedule';

// One POST of one delivery, as Standard Webhooks describes it: the body `{type, timestamp, data}`,
// `webhook-id` (the event's id, the same on every retry), `webhook-timestamp` and `webhook-signature`
// (`v1,<base64>`, one per secret, space-separated while a rotated-out secret still signs). Redirects
// are not followed (undici's request never does; a 3xx is a failure), and the connection is refused
// when the receiver's address is private, checked on the address actually connected to.

export interface SignedMessage {
  eventId: string;
  type: string;
  createdAt: Date;
  data: unknown;
}

export type SendOutcome =
  | { ok: true; status: number; latencyMs: number; snippet: string | null }
  | { ok: false; status: number | null; latencyMs: number; error: string; retryAfterSeconds: number | null; gone: boolean; snippet: string | null };

let trusted: Agent | undefined;
let guarded: Agent | undefined;
const agent = () =>
  privateHostsAllowed()
    ? (trusted ??= new Agent({ keepAliveTimeout: 10_000, connections: 32 }))
    : (guarded ??= new Agent({ keepAliveTimeout: 10_000, connections: 32, connect: { lookup: publicOnlyLookup } }));

export function signedRequest(message: SignedMessage, secrets: string[], now = new Date()): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ type: message.type, timestamp: message.createdAt.toISOString(), data: message.data });
  const msgId = `msg_${message.eventId.replaceAll('-', '')}`;
  const signature = secrets.map((secret) => new Webhook(secret).sign(msgId, now, body)).join(' ');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Switchboard-Webhooks/1',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

/** A Retry-After header in seconds (either form), or null. */
export function retryAfterOf(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** The first characters of an answer, unless it looks like it holds something secret. */
function snippetOf(text: string): string | null {
  const short = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!short || /secret|token|password|key|bearer|whsec_|authorization/i.test(short)) return null;
  return short;
}

function failureSentence(error: unknown, timedOut: boolean): string {
  if (timedOut) return `No answer within ${Math.round(deliveryTimeoutMs() / 100) / 10} s.`;
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'EPRIVATEADDRESS') return 'The URL points into a private network, which the portal does not connect to.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The host name could not be found.';
  if (code === 'ECONNREFUSED') return 'The receiver refused the connection.';
  if (code?.startsWith('CERT_') || code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return 'The receiver’s TLS certificate was not accepted.';
  }
  return 'Could not connect to the receiver.';
}

/**
 * At most `limit` bytes of a receiver's reply (all a snippet needs); the rest is not read, so a
 * receiver streaming without end cannot fill the runner's memory.
 */
async function firstBytes(body: AsyncIterable<Buffer> & { destroy(): unknown }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export async function sendSigned(url: string, message: SignedMessage, secrets: string[]): Promise<SendOutcome> {
  const { body, headers } = signedRequest(message, secrets);
  const started = performance.now();
  const controller = new AbortController();
  const timeout = deliveryTimeoutMs();
  const timer = setTimeout(() => controller.abort(), timeout);
  const latency = () => Math.round(performance.now() - started);
  try {
    // A literal address is connected to without a lookup, so the lookup's check never sees it.
    if (!privateHostsAllowed() && isPrivateLiteral(new URL(url).hostname)) throw Object.assign(new Error('private address refused'), { code: 'EPRIVATEADDRESS' });
    const response = await request(url, { method: 'POST', body, headers, dispatcher: agent(), signal: controller.signal });
    const text = await firstBytes(response.body, 1024);
    const status = response.statusCode;
    const snippet = snippetOf(text);
    if (status >= 200 && status < 300) return { ok: true, status, latencyMs: latency(), snippet };
    const retryAfter = status === 429 || status === 503 ? retryAfterOf(response.headers['retry-after']) : null;
    const error = status >= 300 && status < 400 ? `The receiver answered ${status} (a redirect, which is not followed).` : `The receiver answered ${status}.`;
    return { ok: false, status, latencyMs: latency(), error, retryAfterSeconds: retryAfter, gone: status === 410, snippet };
  } catch (error) {
    return { ok: false, status: null, latencyMs: latency(), error: failureSentence(error, controller.signal.aborted), retryAfterSeconds: null, gone: false, snippet: null };
  } finally {
    clearTimeout(timer);
  }
}
