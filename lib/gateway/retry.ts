import 'server-only';

// When to try again. Exponential backoff from 2 s with equal jitter (half fixed, half random), never sooner than the provider's
// Retry-After, at most OUTBOUND_MAX_ATTEMPTS attempts within OUTBOUND_MAX_AGE of acceptance.

function numberFrom(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

/** `OUTBOUND_MAX_AGE` in seconds, written as `900`, `900s`, `15m` or `1h`. */
function maxAgeSeconds(): number {
  const match = /^(\d+)\s*([smh]?)$/.exec(process.env.OUTBOUND_MAX_AGE?.trim() ?? '');
  if (!match) return 15 * 60;
  const seconds = Number(match[1]) * ({ '': 1, s: 1, m: 60, h: 3600 } as const)[match[2] as '' | 's' | 'm' | 'h'];
  return Math.min(Math.max(seconds, 1), 24 * 3600);
}

export function gatewayLimits() {
  return {
    maxAttempts: numberFrom('OUTBOUND_MAX_ATTEMPTS', 5, 1, 20),
    maxAgeSeconds: maxAgeSeconds(),
    sendTimeoutMs: numberFrom('OUTBOUND_SEND_TIMEOUT_MS', 10_000, 100, 120_000),
    /** A request 'sending' for longer than this belongs to a runner that died: it is taken over. */
    staleSendingSeconds: numberFrom('OUTBOUND_STALE_SECONDS', 120, 5, 3600),
    retentionDays: numberFrom('OUTBOUND_RETENTION_DAYS', 90, 1, 3650),
  };
}

/** Seconds until the next attempt, or null when this was the last one allowed. */
export function nextDelaySeconds(attemptsMade: number, retryAfterSeconds: number | undefined, acceptedAt: Date, random = Math.random): number | null {
  const { maxAttempts, maxAgeSeconds } = gatewayLimits();
  if (attemptsMade >= maxAttempts) return null;
  const backoff = Math.min(300, 2 * 2 ** (attemptsMade - 1));
  const delay = Math.max(retryAfterSeconds ?? 0, backoff / 2 + random() * (backoff / 2));
  const age = (Date.now() - acceptedAt.getTime()) / 1000;
  return age + delay > maxAgeSeconds ? null : Math.ceil(delay * 1000) / 1000;
}
