'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { Star } from 'lucide-react';
import { toast } from '@/lib/toast';
import { phoneKeys } from '@/lib/phone/query-keys';
import type { AssignmentEvent } from '@/lib/phone/history';
import { Button } from '@/components/ui/button';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { TimeAgo } from '@/components/whatsapp/time-ago';
import { assignNumberAction, setPrimaryNumberAction } from '../actions';

export interface MemberOption {
  userId: string;
  name: string;
}

/**
 * Who uses this number; changing it carries the version shown, so a concurrent change is reported.
 * Rendered with a key of the number's version, so fresh server data always replaces what is shown.
 */
export function AssignSelect({ id, phone, assigneeId, version, members, disabled }: { id: string; phone: string; assigneeId: string | null; version: number; members: MemberOption[]; disabled?: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(assigneeId ?? '');
  const [pending, startTransition] = useTransition();
  const change = (next: string) => {
    const previous = value;
    // Shown at once; put back if the change is refused.
    setValue(next);
    startTransition(async () => {
      const result = await assignNumberAction({ id, user_id: next || null, expected_version: version });
      if (!result.ok) {
        setValue(previous);
        toast.error(result.error.message);
        router.refresh();
        return;
      }
      toast.success(result.data.assignee ? `${result.data.phone} assigned to ${result.data.assignee}` : `${result.data.phone} unassigned`);
      router.refresh();
    });
  };
  return (
    <NativeSelect aria-label={`Assignee of ${phone}`} value={value} disabled={pending || disabled} onChange={(e) => change(e.target.value)} className="w-44">
      <NativeSelectOption value="">Unassigned</NativeSelectOption>
      {members.map((m) => (
        <NativeSelectOption key={m.userId} value={m.userId}>
          {m.name}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  );
}

export function PrimaryButton({ id, phone }: { id: string; phone: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={pending}
      aria-label={`Make ${phone} the primary number`}
      onClick={() =>
        startTransition(async () => {
          const result = await setPrimaryNumberAction({ id });
          if (!result.ok) toast.error(result.error.message);
          else toast.success(`${result.data.phone} is now the primary number`);
          router.refresh();
        })
      }
    >
      <Star aria-hidden /> Make primary
    </Button>
  );
}

const reasons: Record<string, string> = {
  assigned: 'Assigned',
  unassigned: 'Unassigned',
  member_removed: 'Unassigned: member removed',
  number_inactive: 'Unassigned: number no longer with the provider',
};

/** The number's assignment history, loaded when opened. */
export function HistoryButton({ orgId, id, phone }: { orgId: string; id: string; phone: string }) {
  const [open, setOpen] = useState(false);
  const { data, isPending, isError } = useQuery({
    queryKey: phoneKeys.history(orgId, id),
    enabled: open,
    queryFn: async (): Promise<AssignmentEvent[]> => {
      const res = await fetch(`/api/v1/settings/phone-numbers/${id}/history`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`history answered ${res.status}`);
      return ((await res.json()) as { data: AssignmentEvent[] }).data;
    },
  });
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`History of ${phone}`}>
        History
      </Button>
      <Sheet open={open} onOpenChange={setOpen}>
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
    </>
  );
}
