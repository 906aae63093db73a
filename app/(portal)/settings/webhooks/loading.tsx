import { PageSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function WebhooksLoading() {
  return (
    <PageSkeleton page="webhooks" title="Webhooks">
      <div className="grid max-w-5xl gap-4">
        <Skeleton className="h-9 w-36" />
        <TableSkeleton rows={3} columns={4} />
      </div>
    </PageSkeleton>
  );
}
