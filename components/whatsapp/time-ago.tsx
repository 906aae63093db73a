'use client';

import { useSyncExternalStore } from 'react';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

function ago(iso: string, now: number): string {
  // A moment a few seconds "in the future" is clock skew between the database and this browser: say "now".
  const raw = Math.round((new Date(iso).getTime() - now) / 1000);
  const seconds = raw > 0 && raw < 60 ? 0 : raw;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.round(seconds / size), unit);
  }
  return '';
}

// One shared clock that ticks every 5 s; the server (and hydration) render the exact time instead.
const TICK = 5000;
function subscribeClock(onTick: () => void) {
  const timer = setInterval(onTick, TICK);
  return () => clearInterval(timer);
}
const clockNow = () => Math.floor(Date.now() / TICK) * TICK;

/** "12 seconds ago", ticking; the exact time (UTC) in the tooltip and before hydration. */
export function TimeAgo({ iso, fallback = 'Never' }: { iso: string | null; fallback?: string }) {
  const now = useSyncExternalStore(subscribeClock, clockNow, () => null);
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  const exact = `${absolute.format(new Date(iso))} UTC`;
  return (
    <time dateTime={iso} title={exact}>
      {now === null ? exact : ago(iso, now)}
    </time>
  );
}
