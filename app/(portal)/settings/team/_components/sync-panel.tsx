'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { QueryKey, QueryObserver } from '@tanstack/react-query';
import { icon } from '@/components/icon';
import { toast } from '@/lib/toast';
import { phoneKeys } from '@/lib/phone/query-keys';
import type { SyncSummary } from '@/lib/phone/sync';
import { Button } from '@/components/ui/button';
import { TimeAgo } from '@/components/shell/when';
import { syncNumbersAction } from '../actions';

const RefreshCw = icon('RefreshCw', 'RefreshCw');

export interface SyncSource {
  type: string;
  name: string;
  configured: boolean;
}

async function fetchSyncs(): Promise<SyncSummary[]> {
  const res = await fetch('/api/v1/settings/phone-numbers/syncs', { cache: 'no-store' });
  if (!res.ok) throw new Error(`syncs answered ${res.status}`);
  return ((await res.json()) as { data: SyncSummary[] }).data;
}

const count = (n: number) => n.toLocaleString('en');

/**
 * Each phone provider's last sync, a Sync now button for admins, and live progress while one runs
 * (started here, after a save, by another admin or through the API). When a run finishes the table
 * is refreshed.
 */
export function SyncPanel({ orgId, sources, canSync, initial }: { orgId: string; sources: SyncSource[]; canSync: boolean; initial: SyncSummary[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The source whose Sync now was just pressed, until its run exists on the server.
  const [starting, setStarting] = useState<string | null>(null);
  // Runs started from this page (source → run id), whose outcome is announced when they finish,
  // and each source's last seen status, to notice any run finishing.
  const watched = useRef(new Map<string, string>());
  const seen = useRef(new Map(initial.map((s) => [s.source, s.status])));
  // What the query reads between renders: it outlives each render.
  const latest = useRef({ sources, router, starting });
  useEffect(() => {
    latest.current = { sources, router, starting };
  });
  const [syncs, setSyncs] = useState(initial);
  // The server's list shows at once; the query library that follows runs arrives after the page is
  // interactive (polling only starts when a run does).
  const observer = useRef<Promise<QueryObserver<SyncSummary[], Error, SyncSummary[], SyncSummary[], QueryKey>> | null>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    observer.current = import('@/lib/query/observe').then(({ observeQuery }) => {
      const live = observeQuery(
        {
          queryKey: phoneKeys.syncs(orgId),
          queryFn: async () => {
            const list = await fetchSyncs();
            let finished = false;
            for (const s of list) {
              if (seen.current.get(s.source) === 'running' && s.status !== 'running') finished = true;
              seen.current.set(s.source, s.status);
              if (watched.current.get(s.source) === s.id && s.status !== 'running') {
                watched.current.delete(s.source);
                const name = latest.current.sources.find((x) => x.type === s.source)?.name ?? s.source;
                if (s.status === 'succeeded') toast.success(`${name} synced: ${count(s.added)} added, ${count(s.updated)} updated, ${count(s.deactivated)} no longer listed`);
                else toast.error(`${name} sync failed: ${s.error ?? 'unknown error'}`);
                finished = true;
              }
            }
            if (finished) latest.current.router.refresh();
            return list;
          },
          initialData: initial,
          refetchInterval: (query) => (latest.current.starting || query.state.data?.some((s) => s.status === 'running') ? 500 : false),
        },
        (data) => {
          if (!cancelled) setSyncs(data);
        },
      );
      stop = live.stop;
      if (cancelled) stop();
      return live.observer;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [orgId, initial]);
  // Pressing Sync now polls at once, before the new run is read (the interval is worked out again).
  useEffect(() => {
    if (starting) void observer.current?.then((live) => live.setOptions({ ...live.options }));
  }, [starting]);

  const sync = (source: SyncSource) => {
    // Shown at once, not when the action's transition ends.
    setStarting(source.type);
    startTransition(async () => {
      const result = await syncNumbersAction({ type: source.type });
      if (result.ok) {
        watched.current.set(source.type, result.data.syncId);
        seen.current.set(source.type, 'running');
        // Read the new run before the button lets go, so polling follows it to the end.
        await (await observer.current)?.refetch();
      } else {
        toast.error(result.error.message);
      }
      setStarting(null);
    });
  };

  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {sources.map((source) => {
        const last = syncs.find((s) => s.source === source.type);
        const running = last?.status === 'running' || starting === source.type;
        const pct = last && last.listed > 0 ? Math.round((last.processed / last.listed) * 100) : 0;
        return (
          <div key={source.type} className="rounded-lg border p-3 text-sm" data-testid={`sync-${source.type}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">{source.name}</span>
              {canSync && source.configured && (
                <Button size="sm" variant="outline" disabled={pending || running} onClick={() => sync(source)}>
                  <RefreshCw aria-hidden className={running ? 'animate-spin' : ''} /> {running ? 'Syncing…' : 'Sync now'}
                </Button>
              )}
            </div>
            {!source.configured ? (
              <p className="text-muted-foreground mt-1">Not configured. An admin can set it up under Integrations.</p>
            ) : running ? (
              <div className="mt-2 grid gap-1" aria-live="polite">
                <div
                  role="progressbar"
                  aria-label={`${source.name} sync progress`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={pct}
                  className="bg-muted h-2 overflow-hidden rounded"
                >
                  <div className="bg-primary h-full transition-all" style={{ width: `${pct}%` }} />
                </div>
                <span className="text-muted-foreground">
                  {last && last.status === 'running' && last.listed > 0 ? `${count(last.processed)} of ${count(last.listed)} numbers` : 'Reading the number list…'}
                </span>
              </div>
            ) : last ? (
              <p className="text-muted-foreground mt-1">
                {last.status === 'succeeded' ? (
                  <>
                    Synced <TimeAgo iso={last.finishedAt} />: {count(last.listed)} listed, {count(last.added)} added, {count(last.updated)} updated,{' '}
                    {count(last.deactivated)} no longer listed.
                  </>
                ) : (
                  <span className="text-destructive">Last sync failed: {last.error}</span>
                )}
              </p>
            ) : (
              <p className="text-muted-foreground mt-1">Not synced yet.</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
