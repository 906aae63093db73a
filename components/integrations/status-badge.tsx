import { CircleAlert, CircleCheck, CircleDashed, CirclePause, CircleX, KeyRound, Server } from '@/components/icons';
import type { IntegrationState } from '@/lib/integrations/status';
import { Badge } from '@/components/ui/badge';
import { TimeAgo } from '@/components/shell/when';
import { cn } from '@/lib/utils';

/** The stored state, plus "needs reconnecting": failing because the provider refused the credentials themselves. */
export type DisplayState = IntegrationState | 'needs_reconnecting';

// Failures that no retry fixes: someone has to enter working credentials (or connect again).
const DEAD = new Set(['bad_credentials', 'token_expired', 'missing_scope']);

export function displayStateOf(status: { state: IntegrationState; lastTest: { ok: boolean; code: string | null } | null }): DisplayState {
  return status.state === 'failing' && status.lastTest && !status.lastTest.ok && DEAD.has(status.lastTest.code ?? '') ? 'needs_reconnecting' : status.state;
}

/** Why it is failing, in the words of its last test (null when it is not failing). */
export const failureOf = (status: { lastTest: { ok: boolean; message: string | null } | null }) =>
  status.lastTest && !status.lastTest.ok ? status.lastTest.message : null;

const looks: Record<DisplayState, { label: string; className: string; Icon: typeof CircleCheck }> = {
  verified: { label: 'Verified', className: 'border-transparent bg-emerald-700 text-white', Icon: CircleCheck },
  failing: { label: 'Failing', className: 'border-transparent bg-red-700 text-white', Icon: CircleX },
  needs_reconnecting: { label: 'Needs reconnecting', className: 'border-transparent bg-red-700 text-white', Icon: KeyRound },
  unverified: { label: 'Not verified', className: 'border-transparent bg-amber-300 text-amber-950', Icon: CircleAlert },
  environment: { label: 'Using server environment', className: 'border-transparent bg-secondary text-secondary-foreground', Icon: Server },
  disabled: { label: 'Turned off', className: 'text-muted-foreground', Icon: CirclePause },
  not_configured: { label: 'Not set up', className: 'text-muted-foreground', Icon: CircleDashed },
};

/** An integration's state in words, colour and icon (never colour alone). */
export function IntegrationStateBadge({ state, className }: { state: DisplayState; className?: string }) {
  const look = looks[state];
  return (
    <Badge variant="outline" className={cn(look.className, className)} data-state={state}>
      <look.Icon aria-hidden /> {look.label}
    </Badge>
  );
}

/** What the badge rests on, in one short phrase: when it was verified, or why it is failing. */
export function StatusReason({ state, lastVerifiedAt, failure }: { state: DisplayState; lastVerifiedAt: string | null; failure: string | null }) {
  if (state === 'verified' && lastVerifiedAt)
    return (
      <span className="text-muted-foreground">
        Verified <TimeAgo iso={lastVerifiedAt} />
      </span>
    );
  if ((state === 'failing' || state === 'needs_reconnecting') && failure) return <span className="text-red-700 dark:text-red-400">{failure}</span>;
  if (state === 'needs_reconnecting') return <span className="text-red-700 dark:text-red-400">The provider refused the credentials. Enter working ones.</span>;
  if (state === 'environment') return <span className="text-muted-foreground">Credentials come from the server’s configuration.</span>;
  if (state === 'unverified') return <span className="text-muted-foreground">Saved without a successful connection test.</span>;
  if (state === 'disabled') return <span className="text-muted-foreground">Saved, but turned off: nothing is sent through it.</span>;
  return null;
}

/** The badge with what it rests on. */
export function IntegrationStatusLine({ state, lastVerifiedAt, failure }: { state: DisplayState; lastVerifiedAt: string | null; failure: string | null }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <IntegrationStateBadge state={state} />
      <StatusReason state={state} lastVerifiedAt={lastVerifiedAt} failure={failure} />
    </div>
  );
}
