import { PageSkeleton } from '@/components/shell/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

// Shaped like the page: the routing form, then the one-time-password text.
export default function SendingLoading() {
  return (
    <PageSkeleton page="sending settings" title="Sending">
      <div className="grid max-w-3xl gap-6">
        <Skeleton className="h-72 w-full rounded-xl" />
        <Skeleton className="h-48 w-full rounded-xl" />
      </div>
    </PageSkeleton>
  );
}
