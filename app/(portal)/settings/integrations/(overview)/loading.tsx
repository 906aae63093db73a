import { PageHeader } from '@/components/shell/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { LoadingBar } from '@/components/shell/loading-bar';

// Shaped like the overview (filters, then groups of cards) so nothing moves when it arrives.
export default function IntegrationsLoading() {
  return (
    <div role="status" aria-label="Loading integrations">
      <LoadingBar />
      <PageHeader title="Integrations" description="The services your organization is connected to." />
      <div className="mb-6 flex flex-col gap-2 lg:flex-row lg:justify-between">
        <Skeleton className="h-9 w-full max-w-xl rounded-lg" />
        <Skeleton className="h-9 w-full max-w-sm rounded-lg" />
      </div>
      <div className="grid gap-8">
        {[3, 2].map((n, i) => (
          <div key={i} className="grid gap-3">
            <Skeleton className="h-5 w-32" />
            <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              {Array.from({ length: n }, (_, j) => (
                <div key={j} className="flex flex-col gap-3 rounded-xl border p-4">
                  <div className="flex gap-3">
                    <Skeleton className="size-10 rounded-lg" />
                    <div className="grid flex-1 gap-2">
                      <Skeleton className="h-4 w-28" />
                      <Skeleton className="h-3 w-full" />
                    </div>
                  </div>
                  <Skeleton className="h-5 w-40" />
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
