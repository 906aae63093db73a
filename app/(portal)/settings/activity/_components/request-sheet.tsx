'use client';

import { useQuery } from '@tanstack/react-query';
import type { Attempt, RequestSummary } from '@/lib/gateway/log';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { When } from '@/components/shell/when';
import { CopyButton } from '@/components/shell/copy-button';
import { StatusBadge, amountOf, awaitsCallbacks, channelLabel, headline, integrationName, isOpen, outcomeLabel, senderName, sourceLabel, type Names } from './looks';

type Detail = RequestSummary & { attemptLog: Attempt[] };

class NotFound extends Error {}

const callLength = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`);

/** One request in a drawer, with its attempts; refreshed while it is on its way or awaits its callbacks. */
export function RequestSheet({ id, names, onClose }: { id: string | null; names: Names; onClose: () => void }) {
  const { data, error } = useQuery({
    queryKey: ['requests', 'one', id],
    queryFn: async (): Promise<Detail> => {
      const res = await fetch(`/api/v1/integrations/requests/${encodeURIComponent(id ?? '')}`, { headers: { accept: 'application/json' } });
      if (res.status === 404) throw new NotFound();
      if (!res.ok) throw new Error(`request ${res.status}`);
      return ((await res.json()) as { data: Detail }).data;
    },
    enabled: id !== null,
    retry: (count, e) => !(e instanceof NotFound) && count < 1,
    refetchInterval: (q) => (q.state.data && isOpen(q.state.data.status) ? 2000 : q.state.data && awaitsCallbacks(q.state.data) ? 4000 : false),
  });
  const request = data && data.id === id ? data : null;

  return (
    <Sheet open={id !== null} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-lg">
        <SheetHeader>
          <SheetTitle>{request ? headline(request) : 'Request'}</SheetTitle>
          <SheetDescription>{request ? <When iso={request.createdAt} seconds /> : 'Who sent it, where it went and every attempt to deliver it.'}</SheetDescription>
        </SheetHeader>
        <div className="flex flex-col gap-6 px-4 pb-6">
          {request ? (
            <>
              <Details request={request} names={names} />
              <Attempts request={request} names={names} />
            </>
          ) : error ? (
            <Alert variant="destructive">
              <AlertTitle>{error instanceof NotFound ? 'This request was not found' : 'The request could not be loaded'}</AlertTitle>
              <AlertDescription>
                {error instanceof NotFound ? 'It may belong to another organization, or to a member whose requests you do not see.' : 'Close this and try again in a moment.'}
              </AlertDescription>
            </Alert>
          ) : (
            <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading">
              {Array.from({ length: 6 }, (_, i) => (
                <Skeleton key={i} className="h-5 w-full" />
              ))}
            </div>
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}

function Details({ request: r, names }: { request: Detail; names: Names }) {
  const operation = r.operation;
  const amount = operation ? amountOf(operation.details) : null;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] items-baseline gap-x-4 gap-y-2 text-sm">
      <dt className="text-muted-foreground">Status</dt>
      <dd>
        <StatusBadge status={r.status} />
      </dd>
      {operation ? (
        <>
          <Row label="Operation" value={`${channelLabel(r.channel)}: ${operation.title}`} />
          {operation.objectStatus && <Row label="Provider says" value={operation.objectStatus} />}
          {amount && <Row label="Amount" value={amount} />}
        </>
      ) : (
        <Row label="Recipient" value={r.to ?? 'Hidden'} />
      )}
      <Row label="Integration" value={integrationName(names, r.integration)} />
      <ProviderId id={r.providerMessageId} label={operation ? 'Provider’s id' : 'Provider’s message id'} />
      <Row label="Idempotency key" value={r.idempotencyKey ?? 'None'} mono={!!r.idempotencyKey} />
      <Row label="Sent by" value={senderName(names, r.sender)} />
      <Row label="Source" value={sourceLabel(r.source)} />
      <Row label="Created" value={<When iso={r.createdAt} seconds />} />
      <Row label="Handed to the provider" value={r.sentAt ? <When iso={r.sentAt} seconds /> : 'Not yet'} />
      {r.deliveredAt && <Row label="Delivered" value={<When iso={r.deliveredAt} seconds />} />}
      {r.readAt && <Row label="Read" value={<When iso={r.readAt} seconds />} />}
      {r.callDurationSeconds !== null && <Row label="Call length" value={callLength(r.callDurationSeconds)} />}
      <Row label="Finished" value={r.completedAt ? <When iso={r.completedAt} seconds /> : 'Not yet'} />
      {r.nextAttemptAt && isOpen(r.status) && <Row label="Next attempt" value={<When iso={r.nextAttemptAt} seconds />} />}
      {r.error && <Row label="Error" value={r.error.message ? `${r.error.message} (${r.error.code})` : r.error.code} />}
    </dl>
  );
}

/** The provider's id for the message or the object an operation made (a payment, a meeting), copyable. */
function ProviderId({ id, label }: { id: string | null; label: string }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-1">
        {id ? (
          <>
            <span className="min-w-0 font-mono text-xs break-all">{id}</span>
            <CopyButton value={id} label={`Copy the ${label.toLowerCase()}`} />
          </>
        ) : (
          'Not yet given'
        )}
      </dd>
    </>
  );
}

function Attempts({ request: r, names }: { request: Detail; names: Names }) {
  // After a fallback took over, each attempt says which integration made it.
  const fellBack = r.attemptLog.some((a) => a.integration !== r.integration);
  return (
    <section aria-labelledby="attempts-title" className="flex flex-col gap-3">
      <h3 id="attempts-title" className="font-medium">
        Attempts
      </h3>
      {r.attemptLog.length === 0 ? (
        <p className="text-muted-foreground text-sm">{isOpen(r.status) ? 'Waiting for the first attempt.' : 'No attempt was made.'}</p>
      ) : (
        <ol aria-label="Attempts" className="border-border flex flex-col gap-4 border-l pl-4">
          {r.attemptLog.map((a) => (
            <li key={a.attempt} className="flex flex-col gap-1 text-sm">
              <p className="font-medium">
                Attempt {a.attempt}: {outcomeLabel(a.outcome)}
              </p>
              <p className="text-muted-foreground text-xs">
                <When iso={a.startedAt} seconds />
                {fellBack ? ` · ${integrationName(names, a.integration)}` : ''}
              </p>
              <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                {a.httpStatus !== null && <Row label="HTTP status" value={String(a.httpStatus)} />}
                {a.latencyMs !== null && <Row label="Took" value={`${a.latencyMs.toLocaleString('en')} ms`} />}
                {a.retryAfterSeconds !== null && <Row label="Retry-After" value={`${a.retryAfterSeconds} s`} />}
                {a.code && <Row label="Reason" value={a.code} mono />}
                {a.providerCode && <Row label="Provider’s code" value={a.providerCode} mono />}
                {a.message && <Row label="Provider’s message" value={a.message} />}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Row({ label, value, mono }: { label: string; value: React.ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={mono ? 'font-mono text-xs break-all' : 'break-words'}>{value}</dd>
    </>
  );
}
