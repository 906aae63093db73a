'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { icon } from '@/components/icon';
import { toast } from '@/lib/toast';
import { Button } from '@/components/ui/button';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { assignNumberAction, setPrimaryNumberAction } from '../actions';

const Star = icon('Star', 'Star');

// The confirmation's dialog code arrives when someone first unassigns a number, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

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
  // Unassigning takes the number away from someone, so it is asked first; assigning is shown at once.
  const [unassigning, setUnassigning] = useState<string | null>(null);
  const assign = async (next: string) => {
    const result = await assignNumberAction({ id, user_id: next || null, expected_version: version });
    if (result.ok) {
      // The number as the table shows it, not as the server stores it.
      toast.success(result.data.assignee ? `${phone} assigned to ${result.data.assignee}` : `${phone} unassigned`);
      router.refresh();
    }
    return result;
  };
  const change = (next: string) => {
    if (next === '' && value !== '') {
      setUnassigning(members.find((m) => m.userId === value)?.name ?? 'the member who has it');
      return;
    }
    const previous = value;
    // Shown at once; put back if the change is refused.
    setValue(next);
    startTransition(async () => {
      const result = await assign(next);
      if (!result.ok) {
        setValue(previous);
        toast.error(result.error.message);
        router.refresh();
      }
    });
  };
  const unassign = async () => {
    const result = await assign('');
    if (!result.ok) return result.error.message;
    setValue('');
    setUnassigning(null);
  };
  return (
    <>
      <NativeSelect aria-label={`Assignee of ${phone}`} value={value} disabled={pending || disabled} onChange={(e) => change(e.target.value)} className="w-44">
        <NativeSelectOption value="">Unassigned</NativeSelectOption>
        {members.map((m) => (
          <NativeSelectOption key={m.userId} value={m.userId}>
            {m.name}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      {unassigning !== null && (
        <ConfirmDialog
          title={`Unassign ${phone}?`}
          description={`${unassigning} can no longer call, text or message from ${phone} until it is assigned again.`}
          confirm={`Unassign ${phone}`}
          pendingLabel="Unassigning…"
          destructive
          onCancel={() => setUnassigning(null)}
          onConfirm={unassign}
        />
      )}
    </>
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
          else toast.success(`${phone} is now the primary number`);
          router.refresh();
        })
      }
    >
      <Star aria-hidden /> Make primary
    </Button>
  );
}

// The panel's dialog code arrives when someone first opens a history, not with the page.
const HistorySheet = dynamic(() => import('./history-sheet').then((m) => m.HistorySheet), { ssr: false });

/** The number's assignment history, loaded when opened. */
export function HistoryButton({ orgId, id, phone }: { orgId: string; id: string; phone: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`History of ${phone}`}>
        History
      </Button>
      {open && <HistorySheet orgId={orgId} id={id} phone={phone} onClose={() => setOpen(false)} />}
    </>
  );
}
