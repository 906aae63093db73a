import { PageHeader } from '@/components/shell/page-header';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function ActivityLoading() {
  return (
    <>
      <PageHeader title="Activity" description="Messages and calls sent through your integrations, and what became of each." />
      <div className="flex flex-col gap-4">
        <Skeleton className="h-24 w-full rounded-xl" />
        <TableSkeleton rows={6} />
      </div>
    </>
  );
}
