import { Skeleton } from '@/components/ui/skeleton';

export default function NoOrganizationLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <Skeleton className="h-40 w-full rounded-xl" />
    </div>
  );
}
