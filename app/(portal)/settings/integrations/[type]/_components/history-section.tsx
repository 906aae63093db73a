import Link from 'next/link';
import type { AuditEntry } from '@/lib/audit/query';
import { actionLabel, outcomeLabels } from '@/lib/audit/labels';
import { TimeAgo } from '@/components/shell/when';

/** The last changes made to this integration, from the audit trail. */
export function RecentHistory({ type, entries }: { type: string; entries: AuditEntry[] }) {
  return (
    <div className="grid gap-3">
      {entries.length === 0 ? (
        <p className="text-muted-foreground text-sm">No changes recorded yet.</p>
      ) : (
        <ul className="divide-y rounded-md border" data-testid={`${type}-recent-history`}>
          {entries.map((e) => (
            <li key={e.id} className="flex min-w-0 flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <span className="min-w-0 break-words">
                <span className="font-medium">{actionLabel(e.action)}</span>
                {e.outcome !== 'success' && <span className="text-muted-foreground"> ({outcomeLabels[e.outcome].toLowerCase()})</span>}
                {e.actorLabel && <span className="text-muted-foreground"> by {e.actorLabel}</span>}
              </span>
              <span className="text-muted-foreground text-xs">
                <TimeAgo iso={e.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link href={`/settings/audit?integration=${type}`} className="text-sm underline underline-offset-4">
        See the full audit trail
      </Link>
    </div>
  );
}
