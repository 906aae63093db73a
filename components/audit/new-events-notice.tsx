'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { icon } from '@/components/icon';
import { auditKeys } from '@/lib/audit/query-keys';
import { Button } from '@/components/ui/button';

const RefreshCw = icon('RefreshCw', 'RefreshCw');

/**
 * Watches for events newer than the first one shown (same filters) and offers to show them, instead
 * of moving rows under the reader's cursor while they read.
 */
export function NewEventsNotice({
  area,
  apiPath,
  filters,
  newestShownId,
}: {
  area: 'tenant' | 'platform';
  apiPath: string;
  filters: Record<string, string | undefined>;
  newestShownId: string | null;
}) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const { data: newestId } = useQuery({
    queryKey: auditKeys.newest(area, filters),
    queryFn: async () => {
      const search = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
      const res = await fetch(`${apiPath}?${search}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`audit ${res.status}`);
      const body = (await res.json()) as { data: { id: string }[] };
      return body.data[0]?.id ?? null;
    },
    refetchInterval: 15_000,
  });

  if (!newestId || newestId === newestShownId) return null;
  return (
    <Button variant="secondary" size="sm" disabled={refreshing} onClick={() => startRefresh(() => router.refresh())}>
      <RefreshCw className={refreshing ? 'animate-spin' : undefined} aria-hidden /> New events — show them
    </Button>
  );
}
