import Link from 'next/link';
import { ChevronRight, PauseCircle, Send } from '@/components/icons';
import type { SentChannel } from '@/lib/gateway/routes-summary';
import type { IntegrationStatus } from '@/lib/integrations/status';
import { displayStateOf, failureOf, IntegrationStateBadge, StatusReason } from '@/components/integrations/status-badge';
import { ProviderLogo } from '@/components/integrations/provider-logo';

const channelWords: Record<SentChannel['channel'], string> = { whatsapp: 'WhatsApp', sms: 'SMS', email: 'email', call: 'calls' };

/** "WhatsApp, SMS and calls". */
const listOf = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** "Sends SMS and calls; fallback for WhatsApp", from the Sending settings. */
function sendsLine(channels: SentChannel[]): string | null {
  const list = (items: SentChannel[]) => listOf(items.map((c) => channelWords[c.channel]));
  const first = channels.filter((c) => c.as !== 'fallback');
  const fallback = channels.filter((c) => c.as === 'fallback');
  const parts = [first.length ? `Sends ${list(first)}` : null, fallback.length ? `fallback for ${list(fallback)}` : null].filter(Boolean);
  if (parts.length === 0) return null;
  const line = parts.join('; ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/**
 * One integration on the overview: what it is, how it is doing and what it sends. The name is the
 * card's one link; its box stretches over the whole card so any part of it opens the page.
 */
export function ProviderCard({
  status,
  description,
  channels,
  held,
}: {
  status: IntegrationStatus;
  description: string;
  channels: SentChannel[];
  held: number;
}) {
  const state = displayStateOf(status);
  const sends = sendsLine(channels);
  return (
    <article
      data-testid={`${status.type}-card`}
      className="bg-card text-card-foreground hover:border-foreground/30 focus-within:ring-ring/50 relative flex min-w-0 flex-col gap-3 rounded-xl border p-4 shadow-xs transition-colors focus-within:ring-[3px]"
    >
      <div className="flex items-start gap-3">
        <ProviderLogo id={status.type} name={status.name} />
        <div className="min-w-0 flex-1">
          <h3 className="font-medium leading-tight">
            <Link href={`/settings/integrations/${status.type}`} className="outline-none after:absolute after:inset-0 after:rounded-xl">
              {status.name}
            </Link>
          </h3>
          <p className="text-muted-foreground mt-1 line-clamp-2 text-sm">{description}</p>
        </div>
        <ChevronRight aria-hidden className="text-muted-foreground size-4 shrink-0" />
      </div>
      <div data-testid={`${status.type}-status`} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <IntegrationStateBadge state={state} />
        <span className="line-clamp-2 min-w-0">
          <StatusReason state={state} lastVerifiedAt={status.lastVerifiedAt} failure={failureOf(status)} />
        </span>
      </div>
      {(sends || held > 0) && (
        <ul className="mt-auto grid gap-1 text-sm">
          {sends && (
            <li className="text-muted-foreground flex items-center gap-1.5">
              <Send aria-hidden className="size-3.5 shrink-0" /> {sends}
            </li>
          )}
          {held > 0 && (
            <li className="flex items-center gap-1.5 text-amber-800 dark:text-amber-300">
              <PauseCircle aria-hidden className="size-3.5 shrink-0" />
              {held === 1 ? '1 message waiting' : `${held.toLocaleString('en')} messages waiting`} for working credentials
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
