'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { toast } from '@/lib/toast';
import { Button } from '@/components/ui/button';
import { discardHeldAction } from '../actions';

const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

const messages = (n: number) => (n === 1 ? '1 message is' : `${n.toLocaleString('en')} messages are`);

/** Requests held since the integration's credentials were refused: saving working ones sends them, or they are discarded. */
export function HeldNotice({ type, providerName, count }: { type: string; providerName: string; count: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const discard = () =>
    startTransition(async () => {
      const response = await discardHeldAction({ type });
      setConfirming(false);
      if (!response.ok) {
        toast.error(response.error.message);
        return;
      }
      toast.success(response.data.discarded === 1 ? '1 held message discarded' : `${response.data.discarded} held messages discarded`);
      router.refresh();
    });

  return (
    <div role="status" data-testid={`${type}-held`} className="flex flex-wrap items-center gap-3 rounded-md border border-amber-500/50 bg-amber-50 p-3 text-sm dark:bg-amber-950/30">
      <p className="min-w-0 flex-1">
        {messages(count)} waiting because these credentials were refused. Save working credentials to send them, or discard them.
      </p>
      <Button type="button" variant="outline" size="sm" className="text-destructive" disabled={pending} onClick={() => setConfirming(true)}>
        Discard
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`Discard ${count === 1 ? 'the held message' : `the ${count} held messages`}?`}
          description={`They will not be sent through ${providerName}, even after its credentials work again, and their contents are erased. This cannot be undone.`}
          confirm={pending ? 'Discarding…' : 'Discard messages'}
          destructive
          pending={pending}
          onCancel={() => setConfirming(false)}
          onConfirm={discard}
        />
      )}
    </div>
  );
}
