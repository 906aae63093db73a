import { PageSkeleton } from '@/components/shell/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function TenantWhatsAppLoading() {
  return (
    <>
      <Skeleton className="mb-4 h-5 w-20" />
      <PageSkeleton page="the tenant’s WhatsApp setup" title="WhatsApp setup">
        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Skeleton className="h-80 w-full rounded-xl" />
          <Skeleton className="h-56 w-full rounded-xl" />
        </div>
      </PageSkeleton>
    </>
  );
}
