'use client';

import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, formatDateTime, formatDate, formatRelative } from '@/lib/dates';

interface Clock {
  /** The zone the server rendered in (the cookie's, else UTC); the browser keeps it until the next page load. */
  timeZone: string;
  /** The server's "now" when it rendered, so relative times hydrate to the same words. */
  renderedAt: number;
}

const ClockContext = createContext<Clock>({ timeZone: DEFAULT_TIME_ZONE, renderedAt: 0 });

/**
 * Gives every date below it the zone the server rendered in. Once, when the browser's zone differs,
 * it remembers the browser's zone in a cookie for the next render: switching in place would move
 * text under the reader (and differ from the server's markup).
 */
export function ClockProvider({ timeZone, renderedAt, children }: Clock & { children: React.ReactNode }) {
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (own && own !== timeZone) document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(own)}; path=/; max-age=31536000; samesite=lax`;
  }, [timeZone]);
  return <ClockContext value={{ timeZone, renderedAt }}>{children}</ClockContext>;
}

/** The viewer's time zone, for dates put into strings (labels, toasts). */
export function useTimeZone(): string {
  return useContext(ClockContext).timeZone;
}

// One shared clock that ticks every 5 s.
const TICK = 5000;
function subscribeClock(onTick: () => void) {
  const timer = setInterval(onTick, TICK);
  return () => clearInterval(timer);
}
const clockNow = () => Math.floor(Date.now() / TICK) * TICK;

/** An exact moment: "27 Nov 2026, 14:05" in the viewer's zone. `dateOnly` for days (joined, created). */
export function When({ iso, seconds, dateOnly, fallback = '—' }: { iso: string | null; seconds?: boolean; dateOnly?: boolean; fallback?: string }) {
  const { timeZone } = useContext(ClockContext);
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  const exact = formatDateTime(iso, timeZone, { seconds: true });
  return (
    <time dateTime={iso} title={dateOnly || !seconds ? exact : undefined}>
      {dateOnly ? formatDate(iso, timeZone) : formatDateTime(iso, timeZone, { seconds })}
    </time>
  );
}

/** "12 seconds ago", ticking; the exact moment in the tooltip. For health, last use, last verified. */
export function TimeAgo({ iso, fallback = 'Never' }: { iso: string | null; fallback?: string }) {
  const { timeZone, renderedAt } = useContext(ClockContext);
  const now = useSyncExternalStore(subscribeClock, clockNow, () => renderedAt);
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso, timeZone, { seconds: true })}>
      {formatRelative(iso, now || clockNow(), timeZone)}
    </time>
  );
}
