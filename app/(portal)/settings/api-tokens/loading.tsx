import { PageSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function ApiTokensLoading() {
  return (
    <PageSkeleton page="API tokens" title="API tokens" action>
      <div className="grid max-w-4xl gap-8">
        <Skeleton className="h-56 w-full rounded-xl" />
        <TableSkeleton rows={3} columns={8} />
      </div>
    </PageSkeleton>
  );
}
