import 'server-only';
import { DISABLE_AFTER_FAILURES, DISABLE_AFTER_HOURS, RETRY_SCHEDULE_SECONDS } from './events';

// The delivery limits, read from the environment on each use so tests can shorten them:
// WEBHOOK_RETRY_SCHEDULE (comma-separated seconds, e.g. `1,1,1`), WEBHOOK_DISABLE_AFTER_FAILURES and
// WEBHOOK_DISABLE_AFTER_HOURS (hours; 0 disables as soon as the run of failures is long enough).

function numberFrom(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min ? value : fallback;
}

export function retrySchedule(): readonly number[] {
  const raw = process.env.WEBHOOK_RETRY_SCHEDULE?.trim();
  if (!raw) return RETRY_SCHEDULE_SECONDS;
  const parsed = raw.split(',').map((s) => Number(s.trim()));
  return parsed.length > 0 && parsed.every((n) => Number.isFinite(n) && n >= 0) ? parsed : RETRY_SCHEDULE_SECONDS;
}

export function disableRule(): { failures: number; hours: number } {
  return {
    failures: numberFrom('WEBHOOK_DISABLE_AFTER_FAILURES', DISABLE_AFTER_FAILURES, 1),
    hours: numberFrom('WEBHOOK_DISABLE_AFTER_HOURS', DISABLE_AFTER_HOURS, 0),
  };
}

/** A whole attempt's time limit: connecting, sending and reading the answer. */
export const deliveryTimeoutMs = () => numberFrom('WEBHOOK_TIMEOUT_MS', 15_000, 100);

/** How long a rotated-out secret keeps signing beside the new one. */
export const PREVIOUS_SECRET_HOURS = 24;

/** The longest a Retry-After answer may push the next attempt out (a day). */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * Seconds until the next attempt after attempt number `attempt` (1-based) failed, or null when the
 * schedule is spent. A Retry-After longer than the scheduled wait is honoured (up to a day).
 */
export function nextRetrySeconds(attempt: number, retryAfterSeconds: number | null, random: () => number = Math.random): number | null {
  const schedule = retrySchedule();
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  const jittered = base * (0.9 + random() * 0.2);
  const asked = retryAfterSeconds !== null ? Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) : 0;
  return Math.max(jittered, asked);
}
