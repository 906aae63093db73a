'use client';

import { useTransition } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Delivery } from '@/lib/webhooks/outbound/deliveries';
import { toast } from '@/lib/toast';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { When } from '@/components/shell/when';
import { api, ApiError } from './api';
import { DeliveryBadge } from './looks';

/** The endpoint's newest deliveries, refreshed every 2 s while one is on its way. */
export function DeliveryLog({ endpointId, canRedeliver }: { endpointId: string; canRedeliver: boolean }) {
  const queries = useQueryClient();
  const [pending, startTransition] = useTransition();
  const { data, error } = useQuery({
    queryKey: ['webhooks', endpointId, 'deliveries'],
    queryFn: async () => (await api<{ data: Delivery[] }>('GET', `/${endpointId}/deliveries`)).data,
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === 'pending' || d.status === 'retrying') ? 2000 : false),
  });

  const redeliver = (id: string) =>
    startTransition(async () => {
      try {
        await api('POST', `/${endpointId}/deliveries/${id}/redeliver`);
        toast.success('Delivery queued again');
        await queries.invalidateQueries({ queryKey: ['webhooks', endpointId] });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        toast.error(e.message);
      }
    });

  return (
    <section aria-labelledby="deliveries-title" className="grid gap-2">
      <h3 id="deliveries-title" className="font-medium">
        Deliveries
      </h3>
      {error ? (
        <p className="text-destructive text-sm">The delivery log could not be loaded. Close this and try again.</p>
      ) : !data ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </div>
      ) : data.length === 0 ? (
        <p className="text-muted-foreground text-sm">Nothing delivered yet. Send a test event to try it.</p>
      ) : (
        <Table aria-label="Deliveries" layout="cards">
          <TableHeader>
            <TableRow>
              <TableHead>Event</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Response</TableHead>
              <TableHead>Attempts</TableHead>
              <TableHead className="sr-only">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  <code className="font-mono text-xs">{d.eventType}</code>
                  <div className="text-muted-foreground text-xs"><When iso={d.createdAt} /></div>
                </TableCell>
                <TableCell data-label="Status">
                  <DeliveryBadge status={d.status} />
                  {d.nextAttemptAt && <div className="text-muted-foreground text-xs">next try <When iso={d.nextAttemptAt} /></div>}
                </TableCell>
                <TableCell data-label="Response" className="text-xs">
                  {d.httpStatus !== null ? `HTTP ${d.httpStatus}` : d.attemptCount > 0 ? 'No answer' : '—'}
                  {d.latencyMs !== null && <span className="text-muted-foreground"> · {d.latencyMs} ms</span>}
                  {d.error && <div className="text-muted-foreground max-w-56">{d.error}</div>}
                </TableCell>
                <TableCell data-label="Attempts">{d.attemptCount}</TableCell>
                <TableCell data-actions className="text-right">
                  <Button type="button" variant="ghost" size="sm" onClick={() => redeliver(d.id)} disabled={pending || !canRedeliver}>
                    Redeliver
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
