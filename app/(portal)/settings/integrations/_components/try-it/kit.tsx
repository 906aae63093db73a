'use client';

import { useEffect } from 'react';
import { formatDateTime } from '@/lib/dates';
import { useMutation } from '@tanstack/react-query';
import { icon } from '@/components/icon';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/shell/copy-button';
import { cn } from '@/lib/utils';

const ExternalLink = icon('ExternalLink', 'ExternalLink');
const LoaderCircle = icon('LoaderCircle', 'LoaderCircle');

// What every Try it form shares: the call to the generic action route, its error envelope in
// people's words, and the result as a short definition list. Links the provider hands out open in
// a new tab; secrets among them (host start links, signing links) stay on screen only.

/** The action route's error envelope, thrown so a mutation's `error` carries it. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

type Envelope = { error?: { code?: string; message?: string; fields?: Record<string, string[]> } };

/** Runs one operation of the integration as the signed-in member (the session cookie authenticates). */
export async function runAction<O>(type: string, action: string, input: Record<string, unknown>): Promise<O & { requestId: string }> {
  // No Idempotency-Key: the buttons cannot be pressed twice meanwhile, and with a key the portal would
  // keep the answer (a client secret, a host's start link) for a day to replay it.
  let response: Response;
  try {
    response = await fetch(`/api/v1/integrations/${type}/actions/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(input),
      cache: 'no-store',
    });
  } catch {
    throw new ActionError('The portal could not be reached. Check your connection and try again.', 'network', {});
  }
  const body = (await response.json().catch(() => null)) as (O & { requestId: string }) | Envelope | null;
  if (!response.ok || !body) {
    const error = (body as Envelope | null)?.error;
    throw new ActionError(error?.message ?? `The portal answered ${response.status}. Try again in a moment.`, error?.code ?? 'unknown', error?.fields ?? {});
  }
  return body as O & { requestId: string };
}

/** One operation as a mutation: `mutate(input)`, then its `data`, `error` and `isPending` to show. */
export function useAction<O>(type: string, action: string) {
  return useMutation<O & { requestId: string }, ActionError, Record<string, unknown>>({
    mutationKey: ['operations', type, action],
    mutationFn: (input) => runAction<O>(type, action, input),
  });
}

const fieldOf = <T extends FieldValues>(names: Partial<Record<string, FieldPath<T>>>, field: string) => names[field] ?? names[field.split('.')[0] ?? ''];

/**
 * Puts the envelope's field messages beside the form's fields (`signers` on the email, say), each
 * time a new failure arrives. Answers whether the failure has such a message, so it is shown once:
 * beside the field, or beside the button otherwise. `names` maps the operation's input fields to
 * the form's: keep it a module constant.
 */
export function useFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ActionError | null, names: Partial<Record<string, FieldPath<T>>>): boolean {
  useEffect(() => {
    for (const [field, messages] of Object.entries(error?.fields ?? {})) {
      const name = fieldOf(names, field);
      if (name && messages[0]) setError(name, { message: messages[0] });
    }
  }, [error, setError, names]);
  return !!error && Object.keys(error.fields).some((field) => fieldOf(names, field) !== undefined);
}

/** The operation's failure in words, beside the button that asked; nothing when there is none. */
export function ActionMessage({ error, hidden }: { error: ActionError | null; hidden?: boolean }) {
  if (!error || hidden) return null;
  return (
    <p role="alert" className="text-destructive text-sm">
      {error.message}
    </p>
  );
}

/** A button that says it is working and cannot be pressed twice meanwhile. */
export function ActionButton({ pending, busy, children, disabled, ...props }: React.ComponentProps<typeof Button> & { pending: boolean; busy: string }) {
  return (
    <Button {...props} disabled={pending || disabled} aria-busy={pending || undefined}>
      {pending && <LoaderCircle aria-hidden className="animate-spin" />}
      {pending ? busy : children}
    </Button>
  );
}

/** What the provider answered, as a definition list named for what it describes ("The payment intent"). */
export function Facts({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-label={label}>
      <dl className="bg-muted/40 grid grid-cols-1 gap-x-4 gap-y-1 rounded-md border p-3 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">{children}</dl>
    </div>
  );
}

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="mb-1 min-w-0 break-words sm:mb-0">{children}</dd>
    </>
  );
}

/** A provider's id, with a button that copies it ("Copy the payment id"). */
export function IdFact({ label, value }: { label: string; value: string }) {
  return (
    <Fact label={label}>
      <span className="flex min-w-0 items-center gap-1">
        <code className="min-w-0 text-xs break-all">{value}</code>
        <CopyButton value={value} label={`Copy the ${label.toLowerCase()}`} />
      </span>
    </Fact>
  );
}

const good = /^(succeeded|completed|approved|captured|passed|verified|confirmed|active|started|finished|signed|opened|sent)$/i;
const bad = /^(failed|declined|canceled|cancelled|rejected|voided|expired|declined_by_signer|deleted)$/i;

/** What the provider says of the object, in its own word (shown, so colour never tells it alone). */
export function ProviderStatus({ status: given }: { status: unknown }) {
  const status = typeof given === 'string' ? given : typeof given === 'boolean' ? (given ? 'passed' : 'failed') : '';
  if (!status) return <span className="text-muted-foreground">Not given</span>;
  return (
    <Badge
      variant="outline"
      data-status={status}
      className={cn(good.test(status) && 'border-transparent bg-emerald-700 text-white', bad.test(status) && 'border-transparent bg-red-700 text-white')}
    >
      {status.replaceAll('_', ' ').toLowerCase()}
    </Badge>
  );
}

/** A link the provider gave, opened in a new tab and named by what it opens. */
export function OutLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 font-medium underline underline-offset-4">
      {children}
      <ExternalLink aria-hidden className="size-3.5" />
    </a>
  );
}

/** The moment as the reader's clock shows it. */
export const localTime = (iso: string | null | undefined) => {
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) ? formatDateTime(at, Intl.DateTimeFormat().resolvedOptions().timeZone) : 'Not given';
};

/** A datetime-local value for the reader's clock, `days` from today at `hour`:00. */
export function localInput(days: number, hour: number, minute = 0): string {
  const at = new Date();
  at.setDate(at.getDate() + days);
  at.setHours(hour, minute, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local value as an ISO date-time (the browser reads it in the reader's time zone). */
export const isoOf = (local: string) => new Date(local).toISOString();
