import { Skeleton } from '@/components/ui/skeleton';
import { LoadingBar } from '@/components/shell/loading-bar';

// Shaped like an integration's page: back link, header, section nav and the first sections.
export default function IntegrationLoading() {
  return (
    <div role="status" aria-label="Loading the integration" className="min-w-0">
      <LoadingBar />
      <Skeleton className="mb-4 h-5 w-24" />
      <div className="mb-6 flex items-start gap-4">
        <Skeleton className="size-12 rounded-lg" />
        <div className="grid flex-1 gap-2">
          <Skeleton className="h-7 w-48" />
          <Skeleton className="h-4 w-full max-w-md" />
          <Skeleton className="h-5 w-40" />
        </div>
      </div>
      <div className="grid min-w-0 gap-6 lg:grid-cols-[11rem_minmax(0,1fr)]">
        <div className="flex gap-1 overflow-hidden lg:flex-col">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-24 shrink-0 lg:w-full" />
          ))}
        </div>
        <div className="grid max-w-3xl gap-6">
          <div className="grid gap-4 rounded-xl border p-4 sm:p-6">
            <Skeleton className="h-5 w-28" />
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="grid gap-2">
                <Skeleton className="h-4 w-32" />
                <Skeleton className="h-9 w-full" />
              </div>
            ))}
          </div>
          <Skeleton className="h-32 w-full rounded-xl" />
        </div>
      </div>
    </div>
  );
}
