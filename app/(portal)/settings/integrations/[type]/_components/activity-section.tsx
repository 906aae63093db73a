import Link from 'next/link';
import type { RequestSummary } from '@/lib/gateway/log';
import { TimeAgo } from '@/components/shell/when';
import { headline, StatusBadge } from '../../../activity/_components/looks';

/** The integration's last few requests from the delivery log, newest first. */
export function RecentActivity({ type, requests }: { type: string; requests: RequestSummary[] }) {
  return (
    <div className="grid gap-3">
      {requests.length === 0 ? (
        <p className="text-muted-foreground text-sm">Nothing has been sent or made through this integration yet.</p>
      ) : (
        <ul className="divide-y rounded-md border" data-testid={`${type}-recent-activity`}>
          {requests.map((r) => (
            <li key={r.id} className="flex min-w-0 flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <span className="min-w-0 break-words">{headline(r)}</span>
              <span className="flex items-center gap-2">
                <StatusBadge status={r.status} />
                <span className="text-muted-foreground text-xs">
                  <TimeAgo iso={r.createdAt} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link href={`/settings/activity?integration=${type}`} className="text-sm underline underline-offset-4">
        See all in Activity
      </Link>
    </div>
  );
}
