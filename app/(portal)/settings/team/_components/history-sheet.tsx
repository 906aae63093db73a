'use client';

import { useQuery } from '@tanstack/react-query';
import { phoneKeys } from '@/lib/phone/query-keys';
import type { AssignmentEvent } from '@/lib/phone/history';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { TimeAgo } from '@/components/shell/when';
import { QueryProvider } from '@/components/shell/query-provider';

const reasons: Record<string, string> = {
  assigned: 'Assigned',
  unassigned: 'Unassigned',
  member_removed: 'Unassigned: member removed',
  number_inactive: 'Unassigned: number no longer with the provider',
};

type Props = { orgId: string; id: string; phone: string; onClose: () => void };

/** The number's assignment history, fetched when the panel opens (the query library arrives with it). */
export function HistorySheet(props: Props) {
  return (
    <QueryProvider>
      <History {...props} />
    </QueryProvider>
  );
}

function History({ orgId, id, phone, onClose }: Props) {
  const { data, isPending, isError } = useQuery({
    queryKey: phoneKeys.history(orgId, id),
    queryFn: async (): Promise<AssignmentEvent[]> => {
      const res = await fetch(`/api/v1/settings/phone-numbers/${id}/history`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`history answered ${res.status}`);
      return ((await res.json()) as { data: AssignmentEvent[] }).data;
    },
  });
  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent>
        <SheetHeader>
          <SheetTitle>History of {phone}</SheetTitle>
          <SheetDescription>Who has held this number, newest first.</SheetDescription>
        </SheetHeader>
        <div className="px-4 text-sm">
          {isPending ? (
            <p className="text-muted-foreground">Loading…</p>
          ) : isError ? (
            <p className="text-destructive">The history could not be loaded. Try again.</p>
          ) : data.length === 0 ? (
            <p className="text-muted-foreground">Never assigned.</p>
          ) : (
            <ol className="grid gap-3">
              {data.map((e, i) => (
                <li key={i} className="border-b pb-2">
                  <div className="font-medium">{reasons[e.reason] ?? e.reason}</div>
                  <div>
                    {e.to ? `To ${e.to}` : 'To nobody'}
                    {e.reason !== 'assigned' || e.from ? `, from ${e.from ?? 'a former member'}` : ''}
                  </div>
                  <div className="text-muted-foreground text-xs">
                    <TimeAgo iso={e.at} /> {e.by ? `by ${e.by}` : ''}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}
