import { PageSkeleton } from '@/components/shell/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function ProfileLoading() {
  return (
    <PageSkeleton page="your profile" title="Profile" description="Your own details. Only you can change them.">
      <div className="grid max-w-2xl gap-8">
        <div className="grid gap-3">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-64 max-w-full" />
          ))}
        </div>
        <Skeleton className="h-72 w-full rounded-xl" />
      </div>
    </PageSkeleton>
  );
}
