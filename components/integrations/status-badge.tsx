import { CircleAlert, CircleCheck, CircleDashed, CirclePause, CircleX, Server } from 'lucide-react';
import type { IntegrationState } from '@/lib/integrations/status';
import { Badge } from '@/components/ui/badge';
import { TimeAgo } from '@/components/shell/when';
import { cn } from '@/lib/utils';

const looks: Record<IntegrationState, { label: string; className: string; Icon: typeof CircleCheck }> = {
  verified: { label: 'Verified', className: 'border-transparent bg-emerald-600 text-white dark:bg-emerald-700', Icon: CircleCheck },
  failing: { label: 'Failing', className: 'border-transparent bg-destructive text-white', Icon: CircleX },
  unverified: { label: 'Not verified', className: 'border-transparent bg-amber-400 text-amber-950', Icon: CircleAlert },
  environment: { label: 'Using server environment', className: 'border-transparent bg-secondary text-secondary-foreground', Icon: Server },
  disabled: { label: 'Disabled', className: 'text-muted-foreground', Icon: CirclePause },
  not_configured: { label: 'Not configured', className: 'text-muted-foreground', Icon: CircleDashed },
};

/** An integration's state in words, colour and icon (never colour alone). */
export function IntegrationStateBadge({ state, className }: { state: IntegrationState; className?: string }) {
  const look = looks[state];
  return (
    <Badge variant="outline" className={cn(look.className, className)} data-state={state}>
      <look.Icon aria-hidden /> {look.label}
    </Badge>
  );
}

/** The badge with what it rests on: when it was verified, or why it is failing. */
export function IntegrationStatusLine({
  state,
  lastVerifiedAt,
  failure,
}: {
  state: IntegrationState;
  lastVerifiedAt: string | null;
  failure: string | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <IntegrationStateBadge state={state} />
      {state === 'verified' && lastVerifiedAt && (
        <span className="text-muted-foreground">
          <TimeAgo iso={lastVerifiedAt} />
        </span>
      )}
      {state === 'failing' && failure && <span className="text-destructive">{failure}</span>}
      {state === 'environment' && <span className="text-muted-foreground">Credentials come from the server’s configuration.</span>}
      {state === 'unverified' && <span className="text-muted-foreground">Saved without a successful connection test.</span>}
    </div>
  );
}
