'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import { toast } from 'sonner';
import { phoneKeys } from '@/lib/phone/query-keys';
import type { SyncSummary } from '@/lib/phone/service';
import { Button } from '@/components/ui/button';
import { TimeAgo } from '@/components/whatsapp/time-ago';
import { syncNumbersAction } from '../actions';

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

/** Each phone provider's last sync, a Sync now button for admins, and live progress while one runs. */
export function SyncPanel({ orgId, sources, canSync, initial }: { orgId: string; sources: SyncSource[]; canSync: boolean; initial: SyncSummary[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [syncing, setSyncing] = useState<string | null>(null);
  const { data: syncs = initial } = useQuery({
    queryKey: phoneKeys.syncs(orgId),
    queryFn: fetchSyncs,
    initialData: initial,
    refetchInterval: (query) => (syncing || query.state.data?.some((s) => s.status === 'running') ? 500 : false),
  });

  const sync = (source: SyncSource) => {
    // Outside the transition, so the progress shows at once rather than when the sync has finished.
    setSyncing(source.type);
    startTransition(async () => {
      const result = await syncNumbersAction({ type: source.type });
      setSyncing(null);
      await queryClient.invalidateQueries({ queryKey: phoneKeys.syncs(orgId) });
      if (!result.ok) {
        toast.error(result.error.message);
        router.refresh();
        return;
      }
      const s = result.data;
      toast.success(`${source.name} synced: ${count(s.added)} added, ${count(s.updated)} updated, ${count(s.deactivated)} no longer listed`);
      router.refresh();
    });
  };

  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {sources.map((source) => {
        const last = syncs.find((s) => s.source === source.type);
        const running = last?.status === 'running' || syncing === source.type;
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
