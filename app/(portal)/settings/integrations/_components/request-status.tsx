'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { QueryProvider } from '@/components/shell/query-provider';
import { awaitingCallbacks, CALLBACK_WATCH_MS, finalStatuses } from '@/lib/gateway/request-progress';

type Status = 'queued' | 'sending' | 'held' | 'sent' | 'delivered' | 'read' | 'completed' | 'failed' | 'canceled';
interface RequestView {
  id: string;
  status: Status;
  error: { code: string; message: string } | null;
  createdAt: string;
}

const words: Record<Status, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  completed: 'Completed',
  held: 'Held: the credentials were refused',
  failed: 'Failed',
  canceled: 'Canceled',
};
// The steps shown as they pass: Queued → Sending → Sent (then Delivered, Read when the provider says so).
const steps: Status[] = ['queued', 'sending', 'sent', 'delivered', 'read'];

const isFinal = (status: Status | undefined) => status !== undefined && (finalStatuses as readonly string[]).includes(status);

/** A test request's progress, polled every 2 seconds until nothing more will happen to it. */
export function RequestStatus({ id }: { id: string }) {
  return (
    <QueryProvider>
      <Progress id={id} />
    </QueryProvider>
  );
}

function Progress({ id }: { id: string }) {
  const { data, isError } = useQuery({
    queryKey: ['gateway', 'request', id],
    queryFn: async (): Promise<RequestView> => {
      const res = await fetch(`/api/v1/integrations/requests/${id}`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`request status answered ${res.status}`);
      return ((await res.json()) as { data: RequestView }).data;
    },
    // Once sent, the provider's callbacks bring Delivered and Read: asked for less often, for a while.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (isFinal(status)) return false;
      const createdAt = Date.parse(query.state.data?.createdAt ?? '');
      if (status && (awaitingCallbacks as readonly string[]).includes(status)) return Date.now() - createdAt < CALLBACK_WATCH_MS ? 4000 : false;
      return 2000;
    },
    staleTime: 0,
  });
  const status = data?.status ?? 'queued';
  const reached = steps.indexOf(status);
  const trail = reached >= 0 ? steps.slice(0, reached + 1) : ['queued' as const, status];
  const failed = status === 'failed' || status === 'canceled' || status === 'held';

  return (
    <div className="grid gap-1 rounded-md border p-3 text-sm" data-testid="test-request">
      <p aria-live="polite">
        {trail.map((s, i) => (
          <span key={s}>
            {i > 0 && <span aria-hidden> → </span>}
            <span className={i === trail.length - 1 ? (failed ? 'text-destructive font-medium' : 'font-medium') : 'text-muted-foreground'}>{words[s]}</span>
          </span>
        ))}
        {!isFinal(status) && <span className="text-muted-foreground">…</span>}
      </p>
      {data?.error && <p className="text-destructive">{data.error.message}</p>}
      {isError && <p className="text-muted-foreground">The status could not be read just now; trying again.</p>}
      <Link href={`/settings/activity?request=${id}`} className="w-fit underline underline-offset-4">
        See it in the activity log
      </Link>
    </div>
  );
}
