'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import type { WebhookEndpoint } from '@/lib/webhooks/outbound/endpoints';
import { toast } from '@/lib/toast';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Switch } from '@/components/ui/switch';
import { When } from '@/components/shell/when';
import { api, ApiError } from './api';
import { DeliveryLog } from './delivery-log';
import { disabledReason } from './looks';

const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

/** One endpoint in a drawer: its switches, its secret and its delivery log. */
export function EndpointSheet({ endpoint, onClose, onSecret }: { endpoint: WebhookEndpoint; onClose: () => void; onSecret: (secret: string) => void }) {
  const router = useRouter();
  const queries = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState<'delete' | 'rotate' | null>(null);

  const act = (what: () => Promise<void>, done?: string) =>
    startTransition(async () => {
      try {
        await what();
        if (done) toast.success(done);
        router.refresh();
        await queries.invalidateQueries({ queryKey: ['webhooks', endpoint.id] });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        toast.error(error.message);
      } finally {
        setConfirming(null);
      }
    });

  const toggle = (enabled: boolean) => act(() => api('PATCH', `/${endpoint.id}`, { enabled }), enabled ? 'Endpoint enabled' : 'Endpoint disabled');
  const test = () => act(() => api('POST', `/${endpoint.id}/test`), 'Test event queued');
  // Confirmed actions keep their dialog open with the reason when refused; nothing has changed then.
  const confirmed = async (what: () => Promise<void>) => {
    try {
      await what();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return error.message;
    }
    setConfirming(null);
    router.refresh();
    await queries.invalidateQueries({ queryKey: ['webhooks', endpoint.id] });
  };
  const rotate = () =>
    confirmed(async () => {
      const rotated = await api<{ secret: string }>('POST', `/${endpoint.id}/rotate-secret`);
      onSecret(rotated.secret);
    });
  const remove = () =>
    confirmed(async () => {
      await api('DELETE', `/${endpoint.id}`);
      toast.success('Endpoint deleted');
      onClose();
    });

  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-2xl">
        <SheetHeader>
          <SheetTitle className="break-all">{endpoint.url}</SheetTitle>
          <SheetDescription>{endpoint.description || <>Added <When iso={endpoint.createdAt} /></>}</SheetDescription>
        </SheetHeader>
        <div className="flex flex-col gap-6 px-4 pb-6">
          <div className="flex flex-wrap items-center gap-3">
            <Switch id="endpoint-enabled" checked={endpoint.enabled} onCheckedChange={toggle} disabled={pending} />
            <Label htmlFor="endpoint-enabled">{endpoint.enabled ? 'Enabled' : 'Disabled'}</Label>
            {!endpoint.enabled && <span className="text-muted-foreground text-sm">{disabledReason(endpoint.disabledReason)}</span>}
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Signing secret</dt>
            <dd className="font-mono">{endpoint.secretHint}</dd>
            {endpoint.previousSecretExpiresAt && (
              <>
                <dt className="text-muted-foreground">Old secret</dt>
                <dd>signs too until <When iso={endpoint.previousSecretExpiresAt} /></dd>
              </>
            )}
            <dt className="text-muted-foreground">Events</dt>
            <dd className="font-mono text-xs">{endpoint.eventTypes.join(', ')}</dd>
          </dl>
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={test} disabled={pending || !endpoint.enabled}>
              Send test event
            </Button>
            <Button type="button" variant="outline" onClick={() => setConfirming('rotate')} disabled={pending}>
              Rotate secret
            </Button>
            <Button type="button" variant="destructive" onClick={() => setConfirming('delete')} disabled={pending}>
              Delete
            </Button>
          </div>
          <DeliveryLog endpointId={endpoint.id} canRedeliver={endpoint.enabled} />
        </div>
      </SheetContent>
      {confirming === 'delete' && (
        <ConfirmDialog
          title="Delete this endpoint?"
          description={`Events stop being delivered to ${endpoint.url} at once, and its delivery log is erased. This cannot be undone.`}
          confirm="Delete endpoint"
          pendingLabel="Deleting…"
          destructive
          onCancel={() => setConfirming(null)}
          onConfirm={remove}
        />
      )}
      {confirming === 'rotate' && (
        <ConfirmDialog
          title="Rotate the signing secret?"
          description="A new secret is shown once. The current one keeps signing beside it for 24 hours, so your receiver can switch over."
          confirm="Rotate secret"
          pendingLabel="Rotating…"
          onCancel={() => setConfirming(null)}
          onConfirm={rotate}
        />
      )}
    </Sheet>
  );
}
