import { PageSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function ActivityLoading() {
  return (
    <PageSkeleton page="activity" title="Activity" description="Messages and calls sent through your integrations, and what became of each.">
      <Skeleton className="h-24 w-full rounded-xl" />
      <TableSkeleton rows={6} columns={7} />
    </PageSkeleton>
  );
}
