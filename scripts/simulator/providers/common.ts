// Helpers the provider simulators share: reading credentials, the value conventions (see index.ts),
// the slow wait, and deterministic fake data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { json, sleep, type Route } from '../http';
import type { Callbacks } from '../webhooks/callbacks';
import type { SentLog } from './sends';

export type Marker = 'bad' | 'expired' | 'noscope' | 'ratelimit' | 'slow';
const MARKERS: readonly Marker[] = ['bad', 'expired', 'noscope', 'ratelimit', 'slow'];

/** How long a `slow` credential makes the simulator wait: far past any test's time limit. */
export const SLOW_MS = 30_000;
/** The Retry-After every simulated 429 carries (unless the provider is documented otherwise). */
export const RETRY_AFTER_SECONDS = 7;

/** The first convention word a secret contains (case-insensitive), or null. */
export function markerOf(...secrets: (string | null | undefined)[]): Marker | null {
  const text = secrets.filter(Boolean).join(' ').toLowerCase();
  return MARKERS.find((m) => text.includes(m)) ?? null;
}

/** Basic credentials, or null when absent or malformed. */
export function basicCredentials(req: IncomingMessage): { user: string; pass: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/**
 * Waits SLOW_MS, or until the client goes away. Returns false when the client is gone (nothing
 * more to send).
 */
export async function waitSlow(res: ServerResponse): Promise<boolean> {
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  await sleep(SLOW_MS, gone.signal);
  return !gone.signal.aborted && !res.destroyed;
}

export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

export function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A stable 32-bit number from a string. */
export function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** Stable hex of the given length from a string. */
export function stableHex(text: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += createHash('sha256').update(`${text}#${i}`).digest('hex');
  return out.slice(0, length);
}

export const randomId = (bytes = 8) => randomBytes(bytes).toString('hex');

/** A numeric id "starting with 999", or any id containing "notfound": the not-found convention. */
export const isNotFoundId = (id: string) => id.startsWith('999') || id.toLowerCase().includes('notfound');

export { json };

/** What every provider of one simulator shares: the log of sends (with the recipient conventions) and the callbacks they report with. */
export interface SimShared {
  sends: SentLog;
  callbacks: Callbacks;
}

/**
 * One simulated provider API, counted under `name`. `start` builds its routes for one simulator
 * (with whatever they remember), and `reset` forgets that memory.
 */
export const simulated = <const N extends string>(name: N, start: (shared: SimShared) => { routes: Route[]; reset?: () => void }) => ({
  name,
  start,
});
