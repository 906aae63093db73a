import { FiltersSkeleton, PageSkeleton } from '@/components/shell/page-skeleton';
import { TableSkeleton } from '@/components/shell/table-skeleton';

export default function TenantsLoading() {
  return (
    <PageSkeleton page="tenants" title="Tenants" description="Every organization on the platform, with its WhatsApp endpoint and health.">
      <FiltersSkeleton fields={3} />
      <TableSkeleton rows={6} columns={7} />
    </PageSkeleton>
  );
}
