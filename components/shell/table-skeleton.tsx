import { Skeleton } from '@/components/ui/skeleton';

/**
 * Shown while a table's rows load, shaped like the table: a header row and rows from `md` up, cards
 * below it (as the tables themselves are). The page's authorization has already run, so its status code is final.
 */
export function TableSkeleton({ rows = 4, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div className="flex flex-col gap-2" aria-busy="true">
      <div className="hidden h-10 items-center gap-4 border-b px-2 md:flex">
        {Array.from({ length: columns }, (_, i) => (
          <Skeleton key={i} className="h-4 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-24 w-full md:h-11" />
      ))}
    </div>
  );
}
