import { icon } from '@/components/icon';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';
import { awaitingCallbacks, CALLBACK_WATCH_MS } from '@/lib/gateway/request-progress';
import { familyLabels } from '@/lib/operations/define';
import { formatMinor } from '@/lib/money';

// Drawn in the browser too: the icons it needs, made here (see components/icon.tsx).
const Ban = icon('Ban', 'Ban');
const CalendarDays = icon('CalendarDays', 'CalendarDays');
const Check = icon('Check', 'Check');
const CheckCheck = icon('CheckCheck', 'CheckCheck');
const CircleX = icon('CircleX', 'CircleX');
const Clock = icon('Clock', 'Clock');
const CreditCard = icon('CreditCard', 'CreditCard');
const Eye = icon('Eye', 'Eye');
const Mail = icon('Mail', 'Mail');
const MessageCircle = icon('MessageCircle', 'MessageCircle');
const MessageSquareText = icon('MessageSquareText', 'MessageSquareText');
const PauseCircle = icon('PauseCircle', 'CirclePause');
const PenLine = icon('PenLine', 'PenLine');
const Phone = icon('Phone', 'Phone');
const ScanFace = icon('ScanFace', 'ScanFace');
const Send = icon('Send', 'Send');
const Video = icon('Video', 'Video');

// The delivery log in people's words: what each status, channel, source and attempt outcome is
// called, with an icon beside every colour so none is told by colour alone.

type Icon = typeof Check;

const statuses: Record<string, { label: string; className: string; Icon: Icon }> = {
  queued: { label: 'Queued', className: 'text-foreground', Icon: Clock },
  sending: { label: 'Sending', className: 'border-transparent bg-sky-700 text-white', Icon: Send },
  held: { label: 'Held — needs reconnecting', className: 'border-transparent bg-amber-300 text-amber-950', Icon: PauseCircle },
  sent: { label: 'Sent', className: 'border-transparent bg-secondary text-secondary-foreground', Icon: Check },
  delivered: { label: 'Delivered', className: 'border-transparent bg-emerald-700 text-white', Icon: CheckCheck },
  read: { label: 'Read', className: 'border-transparent bg-emerald-700 text-white', Icon: Eye },
  completed: { label: 'Completed', className: 'border-transparent bg-emerald-700 text-white', Icon: CheckCheck },
  failed: { label: 'Failed', className: 'border-transparent bg-red-700 text-white', Icon: CircleX },
  canceled: { label: 'Canceled', className: 'text-foreground', Icon: Ban },
};

export const statusLabel = (status: string) => statuses[status]?.label ?? status;

/** Still on its way: the page keeps asking until none of these is in view. */
export const isOpen = (status: string) => status === 'queued' || status === 'sending';

/** Sent recently, so the provider's callbacks may still say delivered or read: asked for less often. */
export const awaitsCallbacks = (r: { status: string; createdAt: string }) =>
  (awaitingCallbacks as readonly string[]).includes(r.status) && Date.now() - Date.parse(r.createdAt) < CALLBACK_WATCH_MS;

export function StatusBadge({ status, className }: { status: string; className?: string }) {
  const look = statuses[status] ?? { label: status, className: 'text-foreground', Icon: Clock };
  return (
    <Badge variant="outline" className={cn(look.className, className)} data-status={status}>
      <look.Icon aria-hidden /> {look.label}
    </Badge>
  );
}

const channels: Record<string, { label: string; Icon: Icon }> = {
  whatsapp: { label: 'WhatsApp', Icon: MessageCircle },
  sms: { label: 'SMS', Icon: MessageSquareText },
  email: { label: 'Email', Icon: Mail },
  call: { label: 'Call', Icon: Phone },
  payments: { label: familyLabels.payments, Icon: CreditCard },
  meetings: { label: familyLabels.meetings, Icon: Video },
  calendar: { label: familyLabels.calendar, Icon: CalendarDays },
  signing: { label: familyLabels.signing, Icon: PenLine },
  kyc: { label: familyLabels.kyc, Icon: ScanFace },
};

export const channelLabel = (channel: string) => channels[channel]?.label ?? channel;

/** What a request was: an operation by its title ("Create a payment intent"), a message by where it went. */
export const headline = (r: { channel: string; to: string | null; operation: { title: string } | null }) =>
  r.operation ? r.operation.title : `${channelLabel(r.channel)} to ${r.to ?? 'a hidden recipient'}`;

export function Channel({ channel }: { channel: string }) {
  const look = channels[channel] ?? { label: channel, Icon: MessageCircle };
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <look.Icon className="text-muted-foreground size-4" aria-hidden /> {look.label}
    </span>
  );
}

const outcomes: Record<string, string> = {
  accepted: 'Accepted',
  retry: 'Will retry',
  dead: 'Credentials refused',
  rejected: 'Refused by provider',
};
export const outcomeLabel = (outcome: string) => outcomes[outcome] ?? outcome;

const sources: Record<string, string> = { api: 'API', portal: 'Portal', test: 'Test panel' };
export const sourceLabel = (source: string) => sources[source] ?? source;

/** The amount an operation's details carry, when they carry one. */
export function amountOf(details: Record<string, unknown> | null | undefined): string | null {
  const minor = details?.amount_minor;
  const currency = details?.currency;
  const value = typeof minor === 'string' && /^-?\d+$/.test(minor) ? Number(minor) : minor;
  return typeof value === 'number' && Number.isFinite(value) && typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? formatMinor(value, currency) : null;
}

export const channelOptions = Object.entries(channels).map(([value, { label }]) => ({ value, label }));
export const statusOptions = Object.entries(statuses).map(([value, { label }]) => ({ value, label }));

/** Display names the page resolves on the server, so the registry and the member list stay out of the bundle. */
export interface Names {
  integrations: Record<string, string>;
  /** Members' names by the label a request records for them (their email). */
  senders: Record<string, string>;
}

export const integrationName = (names: Names, type: string) => names.integrations[type] ?? type;

export const senderName = (names: Names, sender: { type: 'member' | 'token'; label: string }) =>
  sender.type === 'token' ? `API token: ${sender.label}` : (names.senders[sender.label] ?? sender.label);
