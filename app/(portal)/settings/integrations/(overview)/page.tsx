import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { actorFromSession } from '@/lib/auth/actor';
import { getTenantConfig } from '@/lib/endpoints/assignments';
import { endpointState } from '@/lib/endpoints/state';
import { heldCounts } from '@/lib/gateway/held-count';
import { channelsByIntegration, type SentChannel } from '@/lib/gateway/routes-summary';
import { findProvider, providerGroups } from '@/lib/integrations/registry';
import { listIntegrations, type IntegrationStatus } from '@/lib/integrations/status';
import { PageHeader } from '@/components/shell/page-header';
import { OnboardingChecklist } from '@/components/onboarding/checklist';
import { EmptyState } from '@/components/shell/empty-state';
import { displayStateOf } from '@/components/integrations/status-badge';
import { HealthBadge } from '@/components/whatsapp/health-badge';
import { OverviewFilters, overviewHref, statusFilters, type StatusFilter } from '../_components/overview/filters';
import { ProviderCard } from '../_components/overview/provider-card';

export const metadata: Metadata = { title: 'Integrations' };

type Params = { tab?: string; status?: string; connected?: string; oauth_error?: string };

/** Which status filter an integration falls under (besides All). */
function bucketOf(status: IntegrationStatus, held: number): Exclude<StatusFilter, 'all'> {
  const state = displayStateOf(status);
  if (state === 'not_configured') return 'not_set_up';
  if (state === 'verified' || state === 'environment') return held > 0 ? 'attention' : 'connected';
  return 'attention';
}

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/integrations');
  const actor = actorFromSession(ctx);
  const params = await searchParams;
  // An OAuth return address from before each integration had its own page: its messages live there now.
  const oauthType = params.connected && findProvider(params.connected) ? params.connected : null;
  if (oauthType) redirect(`/settings/integrations/${oauthType}?connected=1`);
  const tab = providerGroups.find((g) => g.id === params.tab)?.id ?? null;
  const status = statusFilters.find((s) => s.id === params.status)?.id ?? 'all';
  const isAdmin = ctx.role === 'admin';

  // The overview reads stored state only: one query for the statuses, and for admins one each for
  // held requests and the channel choices, beside the platform endpoint's summary.
  const statuses = await listIntegrations(actor);
  const [held, channels, endpoint] = await Promise.all([
    isAdmin ? heldCounts(actor, statuses.map((s) => s.type)) : Promise.resolve({} as Record<string, number>),
    isAdmin ? channelsByIntegration(actor, statuses) : Promise.resolve(new Map<string, SentChannel[]>()),
    getTenantConfig(ctx, ctx.orgId),
  ]);
  const heldOf = (type: string) => held[type] ?? 0;

  const inTab = statuses.filter((s) => !tab || s.group === tab);
  const counts = { all: inTab.length, connected: 0, attention: 0, not_set_up: 0 } satisfies Record<StatusFilter, number>;
  for (const s of inTab) counts[bucketOf(s, heldOf(s.type))] += 1;
  const shown = inTab.filter((s) => status === 'all' || bucketOf(s, heldOf(s.type)) === status);
  const groups = providerGroups.filter((g) => !tab || g.id === tab);
  const whatsappPage = statuses.find((s) => s.group === 'whatsapp')?.type;

  return (
    <>
      <PageHeader
        title="Integrations"
        description={
          isAdmin
            ? `Connect ${ctx.active.orgName} to the services it runs on. Open one to set it up, test it and choose who may use it.`
            : `The services ${ctx.active.orgName} is connected to that you may use. Only admins can change them.`
        }
      >
        {isAdmin && (
          <Link href="/settings/integrations/sending" className="text-sm underline underline-offset-4">
            Sending: which integration sends what
          </Link>
        )}
      </PageHeader>
      {isAdmin && <OnboardingChecklist ctx={ctx} />}
      {params.oauth_error && (
        <p role="alert" className="text-destructive mb-4 text-sm">
          The account could not be connected. Open the integration and connect it again.
        </p>
      )}
      <OverviewFilters groups={providerGroups.map((g) => ({ id: g.id, label: g.label }))} filters={{ tab, status }} counts={counts} />
      {shown.length === 0 ? (
        <EmptyState title={statuses.length === 0 ? 'No integrations to show' : 'Nothing matches these filters'}>
          {statuses.length === 0 ? (
            'You have not been given access to any integration. Ask an admin.'
          ) : (
            <Link href={overviewHref({ tab, status: 'all' })} className="underline underline-offset-4">
              Show every integration{tab ? ' in this group' : ''}
            </Link>
          )}
        </EmptyState>
      ) : (
        <div className="grid gap-8">
          {groups.map((group) => {
            const cards = shown.filter((s) => s.group === group.id);
            if (cards.length === 0) return null;
            return (
              <section key={group.id} aria-labelledby={`group-${group.id}`} className="grid gap-3">
                <h2 id={`group-${group.id}`} className="text-base font-semibold">
                  {group.label}
                </h2>
                {group.id === 'whatsapp' && endpoint && whatsappPage && (
                  <p className="text-muted-foreground flex flex-wrap items-center gap-2 text-sm" data-testid="platform-endpoint-line">
                    <span>
                      Platform endpoint: <span className="text-foreground font-medium">{endpoint.endpoint_name}</span>
                    </span>
                    <HealthBadge status={endpoint.is_configured ? endpointState(endpoint) : 'unknown'} />
                    <Link href={`/settings/integrations/${whatsappPage}#platform-endpoint`} className="underline underline-offset-4">
                      Details
                    </Link>
                  </p>
                )}
                <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
                  {cards.map((s) => (
                    <ProviderCard key={s.type} status={s} description={findProvider(s.type)?.description ?? ''} channels={channels.get(s.type) ?? []} held={heldOf(s.type)} />
                  ))}
                </div>
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
