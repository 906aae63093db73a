// Dates as the portal shows them, on the server and in the browser alike: one absolute format in the
// viewer's time zone, and "3 minutes ago" where recency matters. Client-safe: no server imports.

/** The cookie the browser sets once with its own time zone, so the server can render in it. */
export const TIME_ZONE_COOKIE = 'tz';
export const DEFAULT_TIME_ZONE = 'UTC';

/** A valid IANA time zone name, or null: a cookie is the visitor's to write. */
export function validTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, kind: 'date' | 'minutes' | 'seconds'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(kind === 'date' ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
      ...(kind === 'seconds' ? { second: '2-digit' } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
// UTC is said out loud: it is what a visitor sees before their browser has told us its zone.
const zoneSuffix = (timeZone: string) => (timeZone === 'UTC' ? ' UTC' : '');

/** "27 Nov 2026, 14:05" (with seconds when `seconds`), followed by "UTC" when shown in UTC. */
export function formatDateTime(value: string | Date, timeZone: string = DEFAULT_TIME_ZONE, options: { seconds?: boolean } = {}): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return formatter(timeZone, options.seconds ? 'seconds' : 'minutes').format(date) + zoneSuffix(timeZone);
}

/** "27 Nov 2026": a day, in the viewer's time zone. */
export function formatDate(value: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return formatter(timeZone, 'date').format(date);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * "just now", "42 seconds ago", "3 minutes ago", "5 hours ago", "yesterday", "in 6 days"; a moment
 * more than a week away is given as a date instead. A few seconds "in the future" is clock skew
 * between the database and the browser, so it reads "just now".
 */
export function formatRelative(value: string | Date, now: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const size = Math.abs(seconds);
  if (size < 10 || (seconds > 0 && seconds < MINUTE)) return 'just now';
  if (size < MINUTE) return relative.format(seconds, 'second');
  if (size < HOUR) return relative.format(Math.trunc(seconds / MINUTE), 'minute');
  if (size < DAY) return relative.format(Math.trunc(seconds / HOUR), 'hour');
  if (size < 7 * DAY) return relative.format(Math.round(seconds / DAY), 'day');
  return formatDate(date, timeZone);
}
