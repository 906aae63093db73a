import { Skeleton } from '@/components/ui/skeleton';
import { LoadingBar } from '@/components/shell/loading-bar';

export default function NoOrganizationLoading() {
  return (
    <div aria-busy="true">
      <LoadingBar />
      <p role="status" className="sr-only">
        Loading…
      </p>
      <Skeleton className="h-40 w-full rounded-xl" />
    </div>
  );
}
