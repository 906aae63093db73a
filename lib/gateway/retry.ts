import 'server-only';

// When to try again. Exponential backoff (1–2 s, then 2–4 s, …: half fixed, half random), never sooner than the provider's
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
  const sendTimeoutMs = numberFrom('OUTBOUND_SEND_TIMEOUT_MS', 10_000, 100, 120_000);
  return {
    maxAttempts: numberFrom('OUTBOUND_MAX_ATTEMPTS', 5, 1, 20),
    maxAgeSeconds: maxAgeSeconds(),
    sendTimeoutMs,
    /**
     * A request 'sending' for longer than this belongs to a runner that died: it is taken over. Never
     * less than twice an attempt's time limit and half a minute, so a slow live attempt is not.
     */
    staleSendingSeconds: Math.max(numberFrom('OUTBOUND_STALE_SECONDS', 120, 5, 3600), (2 * sendTimeoutMs) / 1000 + 30),
    retentionDays: numberFrom('OUTBOUND_RETENTION_DAYS', 90, 1, 3650),
  };
}

/** Seconds until the next attempt, or null when this was the last one allowed. */
/** `windowStart`: when the request was accepted, or last released or handed to a fallback. */
export function nextDelaySeconds(attemptsMade: number, retryAfterSeconds: number | undefined, windowStart: Date, random = Math.random): number | null {
  const { maxAttempts, maxAgeSeconds } = gatewayLimits();
  if (attemptsMade >= maxAttempts) return null;
  const backoff = Math.min(300, 2 * 2 ** (attemptsMade - 1));
  const delay = Math.max(retryAfterSeconds ?? 0, backoff / 2 + random() * (backoff / 2));
  const age = (Date.now() - windowStart.getTime()) / 1000;
  return age + delay > maxAgeSeconds ? null : Math.ceil(delay * 1000) / 1000;
}
