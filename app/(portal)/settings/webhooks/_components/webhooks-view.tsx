'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { icon } from '@/components/icon';
import type { WebhookEndpoint } from '@/lib/webhooks/outbound/endpoints';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { ShowOnceDialog } from '@/components/shell/show-once-dialog';
import { TimeAgo } from '@/components/shell/when';
import { DeliveryBadge, disabledReason } from './looks';

const Plus = icon('Plus', 'Plus');

// The form and the drawer arrive when first opened, not with the page.
const AddEndpointDialog = dynamic(() => import('./add-endpoint-dialog').then((m) => m.AddEndpointDialog), { ssr: false });
const EndpointSheet = dynamic(() => import('./endpoint-sheet').then((m) => m.EndpointSheet), { ssr: false });

export function WebhooksView({ endpoints, allowHttp }: { endpoints: WebhookEndpoint[]; allowHttp: boolean }) {
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = endpoints.find((e) => e.id === openId) ?? null;

  return (
    <div className="grid max-w-5xl gap-4">
      <div>
        <Button type="button" onClick={() => setAdding(true)}>
          <Plus aria-hidden /> Add endpoint
        </Button>
      </div>
      {endpoints.length === 0 ? (
        <EmptyState title="No endpoints yet">Add one to have your own systems told when messages are sent, payments arrive and more.</EmptyState>
      ) : (
        <Table aria-label="Webhook endpoints" layout="cards">
          <TableHeader>
            <TableRow>
              <TableHead>URL</TableHead>
              <TableHead>Events</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last delivery</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.map((e) => (
              <TableRow key={e.id}>
                <TableCell className="max-w-72">
                  <button type="button" className="block max-w-full truncate text-left font-medium underline-offset-4 hover:underline" onClick={() => setOpenId(e.id)}>
                    {e.url}
                  </button>
                  {e.description && <div className="text-muted-foreground truncate text-xs">{e.description}</div>}
                </TableCell>
                <TableCell data-label="Events">
                  <div className="flex max-w-64 flex-wrap justify-end gap-1 md:justify-start">
                    {e.eventTypes.map((t) => (
                      <Badge key={t} variant="outline" className="font-mono">
                        {t}
                      </Badge>
                    ))}
                  </div>
                </TableCell>
                <TableCell data-label="Status">
                  {e.enabled ? (
                    <Badge variant="secondary">Enabled</Badge>
                  ) : (
                    <div className="grid gap-1">
                      <Badge variant="outline">Disabled</Badge>
                      <span className="text-muted-foreground text-xs">{disabledReason(e.disabledReason)}</span>
                    </div>
                  )}
                </TableCell>
                <TableCell data-label="Last delivery">
                  {e.lastDelivery ? (
                    <div className="grid gap-1">
                      <span className="flex items-center gap-2">
                        <DeliveryBadge status={e.lastDelivery.status} />
                        {e.lastDelivery.httpStatus !== null && <span className="text-xs">HTTP {e.lastDelivery.httpStatus}</span>}
                      </span>
                      <span className="text-muted-foreground text-xs">
                        <TimeAgo iso={e.lastDelivery.at} />
                      </span>
                    </div>
                  ) : (
                    <span className="text-muted-foreground text-sm">None yet</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {adding && (
        <AddEndpointDialog
          allowHttp={allowHttp}
          onCancel={() => setAdding(false)}
          onCreated={(created, shown) => {
            setAdding(false);
            setSecret(shown);
            setOpenId(created);
          }}
        />
      )}
      <ShowOnceDialog
        value={secret}
        onClose={() => setSecret(null)}
        title="Copy the signing secret now"
        description="This is the only time it is shown. Your receiver verifies each delivery’s webhook-signature header with it."
        label="Signing secret"
        done="I have copied it"
      />
      {open && secret === null && <EndpointSheet endpoint={open} onClose={() => setOpenId(null)} onSecret={setSecret} />}
    </div>
  );
}
