import { FiltersSkeleton, PageSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function PlatformAuditLoading() {
  return (
    <PageSkeleton page="the platform audit" title="Platform audit" description="Integration operations across every organization.">
      <FiltersSkeleton fields={5} />
      <Skeleton className="h-28 w-full" />
      <TableSkeleton rows={8} columns={6} />
    </PageSkeleton>
  );
}
