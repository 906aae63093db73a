import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { getTenantConfig } from '@/lib/endpoints/assignments';
import { LinkTabs } from '@/components/shell/link-tabs';
import { NotBuiltYet } from '@/components/shell/not-built-yet';
import { PageHeader } from '@/components/shell/page-header';
import { EndpointHealth } from '@/components/whatsapp/endpoint-health';
import { checkEndpointNowAction } from '../../admin/tenants/[id]/whatsapp/actions';

export const metadata: Metadata = { title: 'Integrations' };

const tabs = [
  { id: 'whatsapp', label: 'WhatsApp' },
  { id: 'other', label: 'Other providers' },
];

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/integrations');
  const { tab: requested } = await searchParams;
  const tab = tabs.find((t) => t.id === requested)?.id ?? 'whatsapp';
  return (
    <>
      <PageHeader title="Integrations" description={`Third-party services connected to ${ctx.active.orgName}.`} />
      <LinkTabs label="Integration groups" tabs={tabs} active={tab} hrefFor={(id) => `/settings/integrations?tab=${id}`} />
      {tab === 'whatsapp' ? (
        <div className="grid max-w-2xl gap-4">
          <p className="text-muted-foreground text-sm">
            Your WhatsApp messages go through an endpoint run by the platform. Your platform operator chooses it; you can see which one and how it is doing.
          </p>
          <EndpointHealth
            tenantId={ctx.orgId}
            initial={await getTenantConfig(ctx, ctx.orgId)}
            checkAction={ctx.role === 'admin' ? checkEndpointNowAction : undefined}
          />
        </div>
      ) : (
        <NotBuiltYet feature="Configuring and testing your own provider credentials" />
      )}
    </>
  );
}
