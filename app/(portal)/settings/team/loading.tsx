import { PageSkeleton, TabsSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';

export default function TeamLoading() {
  return (
    <PageSkeleton page="the team" title="Team">
      <TabsSkeleton />
      <TableSkeleton rows={5} columns={5} />
    </PageSkeleton>
  );
}
