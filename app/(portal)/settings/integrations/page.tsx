import type { Metadata } from 'next';
import Link from 'next/link';
import { ExternalLink } from 'lucide-react';
import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { actorFromSession } from '@/lib/auth/actor';
import { checkEndpointNowAction } from '@/lib/endpoints/actions';
import { getTenantConfig } from '@/lib/endpoints/assignments';
import { heldCounts } from '@/lib/gateway/held-count';
import type { Channel } from '@/lib/gateway/define';
import { callReadiness, type CallReadiness } from '@/lib/gateway/test-send';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { oauthErrors } from '@/lib/integrations/oauth';
import { providerGroups, providersIn } from '@/lib/integrations/registry';
import { formView } from '@/lib/integrations/form';
import { listAccess, usableTypes } from '@/lib/integrations/permissions';
import { liveModes } from '@/lib/operations/modes';
import { webhookView, type WebhookView } from '@/lib/webhooks/inbound/view';
import { getIntegration, listIntegrations, type IntegrationDetail, type IntegrationStatus } from '@/lib/integrations/status';
import { LinkTabs } from '@/components/shell/link-tabs';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/shell/empty-state';
import { IntegrationStatusLine } from '@/components/integrations/status-badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EndpointHealth } from '@/components/whatsapp/endpoint-health';
import { OnboardingChecklist } from '@/components/onboarding/checklist';
import { AccessDisclosure } from './_components/access-disclosure';
import { IntegrationForm } from './_components/integration-form';
import { OAuthConnect } from './_components/oauth-connect';
import { HeldNotice } from './_components/held-notice';
import { SendTestDisclosure } from './_components/send-test-disclosure';
import { TryItDisclosure } from './_components/try-it-disclosure';
import { hasTryIt } from './_components/try-it/types';
import { WebhookSection } from './_components/webhook-section';

export const metadata: Metadata = { title: 'Integrations' };

const tabs = providerGroups.map((g) => ({ id: g.id, label: g.label }));

type Sending = { channels: Channel[]; call: CallReadiness | null };

/** Credentials the operations can run with: saved and turned on, or the server environment's. */
const runnable = (status: IntegrationStatus) => status.state !== 'not_configured' && status.state !== 'disabled';

/** Whether a payment account takes real money, as its saved mode says (admins' view only; null when unknown). */
const failureOf = (status: IntegrationStatus) => (status.lastTest && !status.lastTest.ok ? status.lastTest.message : null);

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ tab?: string; connected?: string; oauth_error?: string }> }) {
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/integrations');
  const actor = actorFromSession(ctx);
  const { tab: requested, connected, oauth_error: oauthError } = await searchParams;
  const tab = tabs.find((t) => t.id === requested)?.id ?? 'phone';
  const isAdmin = ctx.role === 'admin';

  const inTab = providersIn(tab);
  const statuses = (await listIntegrations(actor)).filter((s) => s.group === tab);
  const details = isAdmin ? await Promise.all(statuses.map((s) => getIntegration(actor, s.type) as Promise<IntegrationDetail>)) : statuses;
  const access = isAdmin ? await listAccess(actor, statuses.map((s) => s.type)) : {};
  const held: Record<string, number> = isAdmin ? await heldCounts(actor, statuses.map((s) => s.type)) : {};
  // Callback URLs and logs, for the integrations whose providers report back.
  const webhooks = new Map<string, WebhookView>(
    isAdmin
      ? await Promise.all(
          (details as IntegrationDetail[])
            .filter((d) => d.state !== 'not_configured' && findServerProvider(d.type)?.webhook)
            .map(async (d) => [d.type, await webhookView(actor, d.type, d.version === null ? null : Object.keys(d.secretHints))] as const),
        )
      : [],
  );
  // Who may try an integration's operations by hand: admins, and members it was granted to.
  const tryable = await usableTypes(actor, statuses.filter((s) => hasTryIt(s.type) && runnable(s)).map((s) => s.type));
  const live = await liveModes(actor, [...tryable]);
  // What each integration of the tab sends for the gateway and (for calls) whether the admin can place a test one.
  const sending = new Map(
    await Promise.all(
      statuses.map(async (s) => {
        const channels = findServerProvider(s.type)?.send?.channels ?? [];
        if (!isAdmin || channels.length === 0) return [s.type, null] as [string, null];
        const call = channels.includes('call') ? await callReadiness(actor, s.type) : null;
        return [s.type, { channels: [...channels], call }] as [string, Sending];
      }),
    ),
  );

  return (
    <>
      <PageHeader
        title="Integrations"
        description={
          isAdmin
            ? `Connect ${ctx.active.orgName} to the services it runs on. Credentials are encrypted and never shown again after saving.`
            : `The services ${ctx.active.orgName} is connected to. Only admins can change them.`
        }
      >
        {isAdmin && (
          <Link href="/settings/integrations/sending" className="text-sm underline underline-offset-4">
            Sending: which integration sends what
          </Link>
        )}
      </PageHeader>
      {isAdmin && <OnboardingChecklist ctx={ctx} />}
      <LinkTabs label="Integration groups" tabs={tabs} active={tab} hrefFor={(id) => `/settings/integrations?tab=${id}`} />
      {connected && (
        <p role="status" className="mb-4 text-sm text-emerald-700 dark:text-emerald-400">
          Connected. The account’s access was saved and verified.
        </p>
      )}
      {oauthError && (
        <p role="alert" className="text-destructive mb-4 text-sm">
          {oauthError in oauthErrors ? oauthErrors[oauthError as keyof typeof oauthErrors] : oauthErrors.failed}
        </p>
      )}
      <div className="grid max-w-3xl gap-6">
        {tab === 'whatsapp' && (
          <section aria-labelledby="platform-endpoint" className="grid gap-3">
            <h2 id="platform-endpoint" className="text-base font-semibold">
              Platform endpoint
            </h2>
            <p className="text-muted-foreground text-sm">
              WhatsApp messages can go through an endpoint run by the platform. Your platform operator chooses it; you can see which one and how it is doing.
            </p>
            <EndpointHealth tenantId={ctx.orgId} initial={await getTenantConfig(ctx, ctx.orgId)} checkAction={isAdmin ? checkEndpointNowAction : undefined} />
          </section>
        )}
        {details.length === 0 && (
          <EmptyState title="Nothing to show here">
            {inTab.length === 0 ? 'No providers in this group yet.' : 'You have not been given access to these integrations. Ask an admin.'}
          </EmptyState>
        )}
        {details.map((status) => {
          const provider = inTab.find((p) => p.id === status.type)!;
          const detail = isAdmin ? (status as IntegrationDetail) : null;
          const tryIt = hasTryIt(status.type) && tryable.has(status.type) ? (
            <TryItDisclosure type={status.type} providerName={provider.name} live={live.get(status.type) ?? null} />
          ) : null;
          return (
            <Card key={status.type} aria-labelledby={`${status.type}-title`}>
              <CardHeader>
                <CardTitle id={`${status.type}-title`} className="flex flex-wrap items-center justify-between gap-2">
                  <span>{provider.name}</span>
                  <a href={provider.docsUrl} target="_blank" rel="noreferrer" className="text-muted-foreground inline-flex items-center gap-1 text-xs font-normal underline-offset-4 hover:underline">
                    Provider docs <ExternalLink aria-hidden className="size-3" />
                  </a>
                </CardTitle>
                <CardDescription>{provider.description}</CardDescription>
                <div data-testid={`${status.type}-status`}>
                  <IntegrationStatusLine state={status.state} lastVerifiedAt={status.lastVerifiedAt} failure={failureOf(status)} />
                </div>
                {status.displayName && !isAdmin && <p className="text-sm">{status.displayName}</p>}
              </CardHeader>
              {detail && (
                <CardContent className="grid gap-6">
                  {(held[status.type] ?? 0) > 0 && <HeldNotice type={status.type} providerName={provider.name} count={held[status.type]!} />}
                  <IntegrationForm
                    provider={formView(provider)}
                    detail={detail.version !== null ? { values: detail.values, secretHints: detail.secretHints, displayName: detail.displayName, version: detail.version, unreadable: detail.unreadable } : null}
                  />
                  {provider.oauthConsent && <OAuthConnect type={status.type} providerName={provider.name} saved={detail.version !== null} connected={detail.state === 'verified'} />}
                  {detail.state !== 'not_configured' && sending.get(status.type) && (
                    <SendTestDisclosure type={status.type} providerName={provider.name} channels={sending.get(status.type)!.channels} call={sending.get(status.type)!.call} />
                  )}
                  {tryIt}
                  {webhooks.get(status.type) && <WebhookSection type={status.type} providerName={provider.name} view={webhooks.get(status.type)!} />}
                  <AccessDisclosure type={status.type} providerName={provider.name} members={access[status.type] ?? []} />
                </CardContent>
              )}
              {!detail && tryIt && <CardContent>{tryIt}</CardContent>}
            </Card>
          );
        })}
      </div>
    </>
  );
}
