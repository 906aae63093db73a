import type { DailyCount } from '@/lib/audit/query';
import { outcomeLabels } from '@/lib/audit/labels';
import { formatDate } from '@/lib/dates';

// The chart counts whole UTC days, so its days are named in UTC.
const day = (d: string | undefined) => (d ? formatDate(`${d}T00:00:00Z`, 'UTC') : '');

const colors = { success: 'bg-emerald-500', failure: 'bg-amber-500', denied: 'bg-red-500' } as const;

/** Events per day, stacked by outcome. The bars are decoration; the same numbers are in a table for screen readers. */
export function DailyChart({ days }: { days: DailyCount[] }) {
  const max = Math.max(1, ...days.map((d) => d.success + d.failure + d.denied));
  const total = days.reduce((n, d) => n + d.success + d.failure + d.denied, 0);
  return (
    <figure className="mb-6 rounded-xl border p-4">
      <figcaption className="mb-3 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">
          Events per day <span className="text-muted-foreground font-normal">({total} from {day(days[0]?.day)} to {day(days[days.length - 1]?.day)}, UTC)</span>
        </span>
        <span className="text-muted-foreground flex gap-3 text-xs">
          {(Object.keys(colors) as (keyof typeof colors)[]).map((k) => (
            <span key={k} className="flex items-center gap-1">
              <span className={`size-2 rounded-sm ${colors[k]}`} aria-hidden /> {outcomeLabels[k]}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="flex h-28 items-end gap-px" aria-hidden>
        {days.map((d) => {
          const sum = d.success + d.failure + d.denied;
          return (
            <div
              key={d.day}
              className="flex h-full min-w-0 flex-1 flex-col-reverse"
              title={`${day(d.day)}: ${d.success} succeeded, ${d.failure} failed, ${d.denied} refused`}
            >
              {(['success', 'failure', 'denied'] as const).map((k) =>
                d[k] ? <div key={k} className={colors[k]} style={{ height: `${(d[k] / max) * 100}%` }} /> : null,
              )}
              {sum === 0 && <div className="bg-muted h-px" />}
            </div>
          );
        })}
      </div>
      <table className="sr-only">
        <caption>Events per day by outcome</caption>
        <thead>
          <tr>
            <th>Day</th>
            <th>{outcomeLabels.success}</th>
            <th>{outcomeLabels.failure}</th>
            <th>{outcomeLabels.denied}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{day(d.day)}</td>
              <td>{d.success}</td>
              <td>{d.failure}</td>
              <td>{d.denied}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
