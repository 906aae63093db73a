import { Skeleton } from '@/components/ui/skeleton';
import { LoadingBar } from './loading-bar';

/**
 * A page's stand-in while it loads (a route's loading.tsx): its real title, so nothing moves when the
 * page arrives, a status that screen readers announce, and the shape of what is coming as children.
 * `description` is the page's own when it is fixed; without it a line of skeleton stands in.
 */
export function PageSkeleton({
  page,
  title,
  description,
  action = false,
  children,
}: {
  page: string;
  title: string;
  description?: string;
  action?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <div aria-busy="true">
      <LoadingBar />
      <p role="status" className="sr-only">
        Loading {page}…
      </p>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="text-muted-foreground mt-1 text-sm">{description}</p> : <Skeleton className="mt-2 h-4 w-80 max-w-full" />}
        </div>
        {action && <Skeleton className="h-9 w-36" />}
      </div>
      <div className="flex flex-col gap-4">{children}</div>
    </div>
  );
}

/** A row of filter fields, each a label over a control, and the button that applies them. */
export function FiltersSkeleton({ fields = 3 }: { fields?: number }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      {Array.from({ length: fields }, (_, i) => (
        <div key={i} className="grid gap-1">
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-9 w-40" />
        </div>
      ))}
      <Skeleton className="h-9 w-20" />
    </div>
  );
}

/** A row of link tabs. */
export function TabsSkeleton({ tabs = 2 }: { tabs?: number }) {
  return (
    <div className="bg-muted mb-2 inline-flex h-9 w-fit items-center gap-1 rounded-lg p-[3px]">
      {Array.from({ length: tabs }, (_, i) => (
        <Skeleton key={i} className="bg-background h-full w-24" />
      ))}
    </div>
  );
}
