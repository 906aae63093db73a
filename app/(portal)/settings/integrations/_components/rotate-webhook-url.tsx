'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { toast } from '@/lib/toast';
import { Button } from '@/components/ui/button';
import { rotateWebhookUrlAction } from '../actions';

const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

/** Issues a new callback URL after a confirmation; the old one keeps working for the grace period. */
export function RotateWebhookUrl({ type, providerName }: { type: string; providerName: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const rotate = () =>
    startTransition(async () => {
      const response = await rotateWebhookUrlAction({ type });
      setConfirming(false);
      if (!response.ok) {
        toast.error(response.error.message);
        return;
      }
      toast.success('New callback URL issued');
      router.refresh();
    });
  return (
    <>
      <Button type="button" variant="outline" size="sm" className="w-fit" disabled={pending} onClick={() => setConfirming(true)}>
        Issue a new URL
      </Button>
      {confirming && (
        <ConfirmDialog
          title="Issue a new callback URL?"
          description={`Paste the new URL into ${providerName}. The current one keeps working for 72 hours, then stops.`}
          confirm={pending ? 'Issuing…' : 'Issue new URL'}
          pending={pending}
          onCancel={() => setConfirming(false)}
          onConfirm={rotate}
        />
      )}
    </>
  );
}
