import { FiltersSkeleton, PageSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function AuditLoading() {
  return (
    <PageSkeleton page="the audit trail" title="Audit">
      <FiltersSkeleton fields={5} />
      <Skeleton className="h-28 w-full" />
      <TableSkeleton rows={8} columns={5} />
    </PageSkeleton>
  );
}
