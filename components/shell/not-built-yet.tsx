import { Construction } from 'lucide-react';
import { EmptyState } from './empty-state';

/** An honest placeholder for a page whose feature has not been built yet. */
export function NotBuiltYet({ feature }: { feature: string }) {
  return (
    <EmptyState title="Not built yet" icon={<Construction className="size-8" aria-hidden />}>
      {feature} is planned but not available in this version of Switchboard. Nothing on this page is live yet.
    </EmptyState>
  );
}
