'use client';

import { useState, useTransition } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { QueryProvider } from '@/components/shell/query-provider';
import { placeCallAction } from '../actions';

type Props = { numberId: string; phone: string; onClose: () => void };

const words: Record<string, string> = {
  queued: 'Queued',
  sending: 'Ringing your phone…',
  sent: 'Connecting: answer your phone, then the call goes through',
  delivered: 'Connected',
  completed: 'Call ended',
  failed: 'Failed',
  held: 'Waiting: the phone integration needs reconnecting',
  canceled: 'Canceled',
};
const FINAL = ['sent', 'delivered', 'read', 'completed', 'failed', 'canceled', 'held'];

export function CallSheet(props: Props) {
  return (
    <QueryProvider>
      <Call {...props} />
    </QueryProvider>
  );
}

function Status({ id }: { id: string }) {
  const { data } = useQuery({
    queryKey: ['call-status', id],
    queryFn: async () => {
      const res = await fetch(`/api/v1/integrations/sms/${id}/status`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`status answered ${res.status}`);
      return ((await res.json()) as { data: { status: string; error: { message: string | null } | null } }).data;
    },
    refetchInterval: (query) => (FINAL.includes(query.state.data?.status ?? '') ? false : 2000),
  });
  const status = data?.status ?? 'queued';
  return (
    <div role="status" className="grid gap-1 text-sm">
      <p className="font-medium">{words[status] ?? status}</p>
      {data?.error?.message && <p className="text-destructive">{data.error.message}</p>}
      <Link href={`/settings/activity?request=${id}`} className="underline underline-offset-4">
        See it in Activity
      </Link>
    </div>
  );
}

function Call({ numberId, phone, onClose }: Props) {
  const [to, setTo] = useState('');
  const [record, setRecord] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await placeCallAction({ numberId, to, record });
      if (result.ok) setRequestId(result.data.id);
      else setError(result.fieldErrors?.to?.[0] ?? result.fieldErrors?.from_user_id?.[0] ?? result.error.message);
    });
  };
  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent>
        <SheetHeader>
          <SheetTitle>Call from {phone}</SheetTitle>
          <SheetDescription>Your own phone rings first; when you answer, the portal connects the number you enter, showing {phone}.</SheetDescription>
        </SheetHeader>
        <form onSubmit={submit} className="grid gap-4 px-4" noValidate>
          <div className="grid gap-2">
            <Label htmlFor="call-to">Number to call</Label>
            <Input id="call-to" type="tel" autoComplete="off" placeholder="+60 12-345 6789" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'call-error' : undefined} />
            {error && (
              <p id="call-error" className="text-destructive text-sm">
                {error}
              </p>
            )}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} className="size-4" /> Record the call
          </label>
          <Button type="submit" disabled={pending || to.trim() === ''}>
            {pending ? 'Placing the call…' : 'Call'}
          </Button>
          {requestId && <Status id={requestId} />}
        </form>
      </SheetContent>
    </Sheet>
  );
}
