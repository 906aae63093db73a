import Link from 'next/link';
import { cn } from '@/lib/utils';

export type StatusFilter = 'all' | 'connected' | 'attention' | 'not_set_up';

export const statusFilters: { id: StatusFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'connected', label: 'Connected' },
  { id: 'attention', label: 'Needs attention' },
  { id: 'not_set_up', label: 'Not set up' },
];

export interface Filters {
  tab: string | null;
  status: StatusFilter;
}

/** The overview's address for a set of filters, so a filtered view can be shared or bookmarked. */
export function overviewHref({ tab, status }: Filters): string {
  const search = new URLSearchParams();
  if (tab) search.set('tab', tab);
  if (status !== 'all') search.set('status', status);
  const s = search.toString();
  return s ? `/settings/integrations?${s}` : '/settings/integrations';
}

/** A row of links that behaves as a segmented control; it scrolls sideways on a narrow screen instead of widening it. */
function Segments({ label, items, current, hrefFor }: { label: string; items: { id: string; label: string; count?: number }[]; current: string; hrefFor: (id: string) => string }) {
  return (
    <nav aria-label={label} className="-mx-1 max-w-full overflow-x-auto px-1 pb-1">
      <ul className="bg-muted text-foreground inline-flex h-9 items-center gap-0.5 rounded-lg p-[3px]">
        {items.map((item) => (
          <li key={item.id} className="h-full">
            <Link
              href={hrefFor(item.id)}
              aria-current={item.id === current ? 'true' : undefined}
              className={cn(
                'hover:bg-background/60 inline-flex h-full items-center rounded-md px-3 text-sm whitespace-nowrap',
                item.id === current && 'bg-background font-medium shadow-sm',
              )}
            >
              {item.label}
              {item.count !== undefined && <span className="ml-1.5 text-xs tabular-nums">{item.count}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function OverviewFilters({
  groups,
  filters,
  counts,
}: {
  groups: { id: string; label: string }[];
  filters: Filters;
  counts: Record<StatusFilter, number>;
}) {
  return (
    <div className="mb-6 flex min-w-0 flex-col gap-2 lg:flex-row lg:items-center lg:justify-between">
      <Segments
        label="Filter by group"
        items={[{ id: 'all', label: 'All' }, ...groups]}
        current={filters.tab ?? 'all'}
        hrefFor={(id) => overviewHref({ ...filters, tab: id === 'all' ? null : id })}
      />
      <Segments
        label="Filter by status"
        items={statusFilters.map((s) => ({ ...s, count: counts[s.id] }))}
        current={filters.status}
        hrefFor={(id) => overviewHref({ ...filters, status: id as StatusFilter })}
      />
    </div>
  );
}
