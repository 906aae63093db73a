import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { createProbeContext } from '@/lib/integrations/probe';
import type { OperationContext } from './define.server';

// The powers of one operation: the connection test's HTTP client (same private-address guard, one
// deadline shared by every attempt) and a cache of the providers' short-lived access tokens.

/** The one deadline every attempt of an operation shares (`OPERATION_TIMEOUT_MS`, default 20 s). */
export function operationDeadlineMs(): number {
  const value = Number(process.env.OPERATION_TIMEOUT_MS);
  return Number.isFinite(value) && value >= 500 && value <= 120_000 ? value : 20_000;
}

/** Tokens are cached under a keyed hash of the credentials, in this process only, never stored. */
const cacheSalt = randomBytes(32);
const tokens = new Map<string, { token: string; expiresAt: number }>();
const MAX_TOKENS = 1000;
const EARLY_SECONDS = 60;

export async function cachedToken(
  key: string,
  fetch: () => Promise<{ token: string; expiresInSeconds: number }>,
  options: { fresh?: boolean } = {},
): Promise<string> {
  const id = createHmac('sha256', cacheSalt).update(key).digest('base64url');
  const hit = tokens.get(id);
  if (hit && !options.fresh && hit.expiresAt > Date.now()) return hit.token;
  const { token, expiresInSeconds } = await fetch();
  const lifetime = Math.max(0, expiresInSeconds - EARLY_SECONDS) * 1000;
  if (lifetime > 0) {
    if (tokens.size >= MAX_TOKENS) tokens.delete(tokens.keys().next().value!);
    tokens.set(id, { token, expiresAt: Date.now() + lifetime });
  }
  return token;
}

/** Forgets every cached token (tests that change what a provider answers). */
export const forgetTokens = () => tokens.clear();

export function createOperationContext(options: {
  requestId: string;
  idempotencyKey: string;
  timeoutMs: number;
  object?: OperationContext['object'];
}): OperationContext & { signal: AbortSignal; dispose(): void } {
  const probe = createProbeContext(options.timeoutMs);
  return {
    requestId: options.requestId,
    idempotencyKey: options.idempotencyKey,
    object: options.object,
    request: probe.request,
    baseUrl: probe.baseUrl,
    elapsedMs: probe.elapsedMs,
    signal: probe.signal,
    dispose: probe.dispose,
    token: cachedToken,
  };
}
