'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import type { RequestSummary } from '@/lib/gateway/log';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { TimeAgo } from '@/components/shell/when';
import { Channel, StatusBadge, channelLabel, headline, integrationName, isOpen, awaitsCallbacks, senderName, statusLabel, type Names } from './looks';

const RequestSheet = dynamic(() => import('./request-sheet').then((m) => m.RequestSheet), { ssr: false });

export interface RequestPage {
  data: RequestSummary[];
  nextCursor: string | null;
}

/** Often enough to watch a message go from queued to sent; only while one in view is on its way. */
const LIVE_INTERVAL_MS = 2000;
const CALLBACK_INTERVAL_MS = 4000;

const Hidden = () => <span className="text-muted-foreground">Hidden</span>;

/**
 * One page of the log, refreshed every 2 s while any request on it is queued or sending (every 4 s
 * while a recent one awaits the provider's delivered or read callbacks), and the
 * drawer for the request named in the URL (`?request=<id>`), so a link to it can be shared.
 */
export function RequestList({ initial, query, names, filtered }: { initial: RequestPage; query: string; names: Names; filtered: boolean }) {
  const params = useSearchParams();
  const openId = params.get('request');
  const [sheetLoaded, setSheetLoaded] = useState(openId !== null);
  const { data } = useQuery({
    queryKey: ['requests', 'page', query],
    queryFn: async (): Promise<RequestPage> => {
      const res = await fetch(`/api/v1/integrations/requests${query}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`requests ${res.status}`);
      return (await res.json()) as RequestPage;
    },
    initialData: initial,
    refetchInterval: (q) => {
      const rows = q.state.data?.data ?? [];
      if (rows.some((r) => isOpen(r.status))) return LIVE_INTERVAL_MS;
      return rows.some(awaitsCallbacks) ? CALLBACK_INTERVAL_MS : false;
    },
  });

  // The drawer lives in the URL without a server round trip; Next keeps useSearchParams in step.
  const show = (id: string | null) => {
    const next = new URLSearchParams(params.toString());
    if (id) next.set('request', id);
    else next.delete('request');
    const search = next.toString();
    if (id) setSheetLoaded(true);
    window.history.pushState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
  };

  const rows = data.data;
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? 'Nothing matches these filters' : 'No messages, calls or operations yet'}>
          {filtered
            ? 'Try a wider date range or fewer filters.'
            : 'Messages, calls and operations made through your integrations appear here. Try one from an integration’s panel or through the API.'}
        </EmptyState>
      ) : (
        <>
          <div className="hidden md:block">
            <Table aria-label="Messages and calls">
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Channel</TableHead>
                  <TableHead>Recipient or operation</TableHead>
                  <TableHead>Integration</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Sent by</TableHead>
                  <TableHead className="text-right">Attempts</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow
                    key={r.id}
                    className="cursor-pointer"
                    tabIndex={0}
                    aria-label={describe(r)}
                    onClick={() => show(r.id)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        show(r.id);
                      }
                    }}
                  >
                    <TableCell className="text-muted-foreground whitespace-nowrap tabular-nums">
                      <TimeAgo iso={r.createdAt} />
                    </TableCell>
                    <TableCell>
                      <Channel channel={r.channel} />
                    </TableCell>
                    <TableCell className="max-w-56 truncate">{r.operation ? r.operation.title : (r.to ?? <Hidden />)}</TableCell>
                    <TableCell>{integrationName(names, r.integration)}</TableCell>
                    <TableCell>
                      <StatusBadge status={r.status} />
                    </TableCell>
                    <TableCell className="max-w-48 truncate">{senderName(names, r.sender)}</TableCell>
                    <TableCell className="text-right tabular-nums">{r.attempts}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <ul aria-label="Messages and calls" className="flex flex-col gap-2 md:hidden">
            {rows.map((r) => (
              <li key={r.id}>
                {/* Named by what it shows, channel and recipient first, so speech and sight agree. */}
                <button
                  type="button"
                  onClick={() => show(r.id)}
                  className="hover:bg-muted/50 focus-visible:ring-ring/50 flex w-full min-w-0 flex-col gap-2 rounded-xl border p-3 text-left text-sm outline-none focus-visible:ring-[3px]"
                >
                  <span className="flex w-full items-center justify-between gap-2">
                    <span className="min-w-0 truncate font-medium">
                      <Channel channel={r.channel} /> {r.operation ? `· ${r.operation.title}` : r.to ? `to ${r.to}` : '· recipient hidden'}
                    </span>
                    <StatusBadge status={r.status} />
                  </span>
                  <span className="text-muted-foreground flex w-full flex-wrap justify-between gap-x-3 gap-y-1 text-xs">
                    <span>
                      {integrationName(names, r.integration)} · {senderName(names, r.sender)}
                    </span>
                    <span className="tabular-nums">
                      <TimeAgo iso={r.createdAt} /> · {r.attempts === 1 ? '1 attempt' : `${r.attempts} attempts`}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {/* The drawer's dialog code arrives with the first request opened, not with the page. */}
      {(sheetLoaded || openId !== null) && <RequestSheet id={openId} names={names} onClose={() => show(null)} />}
    </>
  );
}

function describe(r: RequestSummary): string {
  return r.operation ? `${channelLabel(r.channel)}: ${headline(r)}, ${statusLabel(r.status)}` : `${headline(r)}, ${statusLabel(r.status)}`;
}
