import type { Metadata } from 'next';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { guardPage } from '@/lib/auth/page';
import { privateHostsAllowed } from '@/lib/integrations/network';
import { listEndpoints } from '@/lib/webhooks/outbound/endpoints';
import { DISABLE_AFTER_FAILURES, RETRY_SCHEDULE_LABEL } from '@/lib/webhooks/outbound/events';
import { PageHeader } from '@/components/shell/page-header';
import { QueryProvider } from '@/components/shell/query-provider';
import { WebhooksView } from './_components/webhooks-view';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const ctx = await guardPage(() => requireOrgRole('admin'), '/settings/webhooks');
  const endpoints = await listEndpoints(actorFromSession(ctx));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={`Your own systems receive ${ctx.active.orgName}’s events as signed HTTPS POSTs (Standard Webhooks: verify the webhook-signature header with the endpoint’s secret).`}
      />
      <QueryProvider>
        <WebhooksView endpoints={endpoints} allowHttp={privateHostsAllowed()} />
      </QueryProvider>
      <p className="text-muted-foreground mt-8 max-w-3xl text-sm">
        A delivery succeeds when your endpoint answers 2xx within 15 seconds; redirects are not followed. A failed delivery is tried
        again after {RETRY_SCHEDULE_LABEL} (each ±10 %, about three days in all). An endpoint that answers 410 Gone is turned off at
        once; one that fails {DISABLE_AFTER_FAILURES} attempts in a row, the first of them a day old or more, is turned off too. Each
        endpoint receives one delivery at a time, in order.
      </p>
    </>
  );
}
