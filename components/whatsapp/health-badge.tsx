import { icon } from '@/components/icon';
import type { EndpointState } from '@/lib/endpoints/state';
import { REMOVED_TITLE } from '@/lib/endpoints/state';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';

// Drawn in the browser too: the icons it needs, made here (see components/icon.tsx).
const CircleAlert = icon('CircleAlert', 'CircleAlert');
const CircleCheck = icon('CircleCheck', 'CircleCheck');
const CircleDashed = icon('CircleDashed', 'CircleDashed');
const CircleMinus = icon('CircleMinus', 'CircleMinus');
const CircleX = icon('CircleX', 'CircleX');
const ServerOff = icon('ServerOff', 'ServerOff');

// White text on the 700 shades: emerald 600 reads 3.7:1, and the dark theme's red (400) 2.9:1.
const looks: Record<EndpointState, { label: string; className: string; Icon: typeof CircleCheck }> = {
  healthy: { label: 'Healthy', className: 'border-transparent bg-emerald-700 text-white', Icon: CircleCheck },
  degraded: { label: 'Degraded', className: 'border-transparent bg-amber-400 text-amber-950', Icon: CircleAlert },
  unhealthy: { label: 'Unhealthy', className: 'border-transparent bg-destructive text-white dark:bg-red-700', Icon: CircleX },
  // A choice to make, not an outage: amber, never the red of "Unhealthy".
  removed: { label: REMOVED_TITLE, className: 'border-amber-500 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100', Icon: ServerOff },
  unknown: { label: 'Not checked yet', className: '', Icon: CircleDashed },
  none: { label: 'No endpoint', className: 'text-muted-foreground', Icon: CircleMinus },
};

/** An endpoint's state in words, colour and icon (never colour alone). */
export function HealthBadge({ status, className }: { status: EndpointState | null; className?: string }) {
  const look = looks[status ?? 'none'];
  return (
    <Badge variant="outline" className={cn(look.className, className)}>
      <look.Icon aria-hidden /> {look.label}
    </Badge>
  );
}
