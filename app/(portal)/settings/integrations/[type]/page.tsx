import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeft, ExternalLink } from '@/components/icons';
import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { actorFromSession } from '@/lib/auth/actor';
import { readAudit } from '@/lib/audit/service';
import { checkEndpointNowAction } from '@/lib/endpoints/actions';
import { getTenantConfig } from '@/lib/endpoints/assignments';
import { heldCounts } from '@/lib/gateway/held-count';
import { listRequests } from '@/lib/gateway/log';
import { callReadiness } from '@/lib/gateway/test-send';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { oauthErrors } from '@/lib/integrations/oauth';
import { findProvider, providerGroups } from '@/lib/integrations/registry';
import { formView } from '@/lib/integrations/form';
import { listAccess, usableTypes } from '@/lib/integrations/permissions';
import { getIntegrationForMember, type IntegrationDetail } from '@/lib/integrations/status';
import { liveModes } from '@/lib/operations/modes';
import { webhookView } from '@/lib/webhooks/inbound/view';
import { displayStateOf, failureOf, IntegrationStateBadge, StatusReason } from '@/components/integrations/status-badge';
import { ProviderLogo } from '@/components/integrations/provider-logo';
import { EndpointHealth } from '@/components/whatsapp/endpoint-health';
import { AccessLazy } from '../_components/access-lazy';
import { HeldNotice } from '../_components/held-notice';
import { IntegrationForm } from '../_components/integration-form';
import { OAuthConnect } from '../_components/oauth-connect';
import { SendTestDisclosure } from '../_components/send-test-disclosure';
import { TestSaved } from '../_components/test-saved';
import { TryItDisclosure } from '../_components/try-it-disclosure';
import { hasTryIt } from '../_components/try-it/types';
import { WebhookSection } from '../_components/webhook-section';
import { RecentActivity } from './_components/activity-section';
import { RecentHistory } from './_components/history-section';
import { Section, SectionNav, type SectionLink } from './_components/section';

type Props = { params: Promise<{ type: string }>; searchParams: Promise<{ connected?: string; oauth_error?: string }> };

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const provider = findProvider((await params).type);
  return { title: provider ? `${provider.name} · Integrations` : 'Integrations' };
}

export default async function IntegrationPage({ params, searchParams }: Props) {
  const { type } = await params;
  const provider = findProvider(type);
  const server = findServerProvider(type);
  if (!provider || !server) notFound();
  const path = `/settings/integrations/${type}`;
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), path);
  const actor = actorFromSession(ctx);
  // An agent who was not granted this integration gets the same not-found as for an unknown one.
  const status = await guardPage(() => getIntegrationForMember(type), path);
  const { connected, oauth_error: oauthError } = await searchParams;
  const isAdmin = ctx.role === 'admin';
  const detail = isAdmin ? (status as IntegrationDetail) : null;
  const configured = status.state !== 'not_configured';
  const runnable = configured && status.state !== 'disabled';
  const channels = server.send?.channels ?? [];
  const group = providerGroups.find((g) => g.id === provider.group);

  const tryType = hasTryIt(type) ? type : null;
  const [tryable, endpoint] = await Promise.all([
    tryType && runnable ? usableTypes(actor, [type]) : Promise.resolve(new Set<string>()),
    provider.group === 'whatsapp' ? getTenantConfig(ctx, ctx.orgId) : Promise.resolve(null),
  ]);
  const canTry = tryType !== null && tryable.has(tryType);
  const live = canTry ? (await liveModes(actor, [type])).get(type) ?? null : null;

  const admin = detail
    ? await (async () => {
        const [access, held, webhooks, call, requests, audit] = await Promise.all([
          listAccess(actor, [type]),
          heldCounts(actor, [type]),
          configured && server.webhook ? webhookView(actor, type, detail.version === null ? null : Object.keys(detail.secretHints)) : Promise.resolve(null),
          configured && channels.includes('call') ? callReadiness(actor, type) : Promise.resolve(null),
          listRequests(actor, { integration: type }, 5),
          readAudit({ area: 'tenant', actor }, { integration: type }),
        ]);
        return { access: access[type] ?? [], held: held[type] ?? 0, webhooks, call, requests: requests.data, history: audit.page.entries.slice(0, 5) };
      })()
    : null;

  const state = displayStateOf(status);
  const sections: SectionLink[] = [
    ...(admin ? [{ id: 'connection', title: 'Connection' }] : []),
    ...(admin && configured ? [{ id: 'test', title: 'Test' }] : []),
    ...(admin && configured && channels.length > 0 ? [{ id: 'send', title: 'Send' }] : []),
    ...(canTry ? [{ id: 'try-it', title: 'Try it' }] : []),
    ...(admin?.webhooks ? [{ id: 'webhooks', title: 'Webhooks' }] : []),
    ...(provider.group === 'whatsapp' ? [{ id: 'platform-endpoint', title: 'Platform endpoint' }] : []),
    ...(admin ? [{ id: 'activity', title: 'Activity' }, { id: 'access', title: 'Access' }, { id: 'history', title: 'History' }] : []),
  ];
  const fieldLabels = Object.entries(provider.fields).map(([name, spec]) => ({ name, label: spec.label }));

  return (
    <div className="min-w-0">
      <Link href={group ? `/settings/integrations?tab=${group.id}` : '/settings/integrations'} className="text-muted-foreground hover:text-foreground mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft aria-hidden className="size-4" /> Integrations
      </Link>
      <header className="mb-6 flex min-w-0 flex-wrap items-start gap-4">
        <ProviderLogo id={type} name={provider.name} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 id={`${type}-title`} className="text-2xl font-semibold tracking-tight">
            {provider.name}
          </h1>
          <p className="text-muted-foreground mt-1 text-sm">{provider.description}</p>
          <div data-testid={`${type}-status`} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <IntegrationStateBadge state={state} />
            <StatusReason state={state} lastVerifiedAt={status.lastVerifiedAt} failure={failureOf(status)} />
          </div>
          {status.displayName && !isAdmin && <p className="mt-1 text-sm">{status.displayName}</p>}
        </div>
        <a href={provider.docsUrl} target="_blank" rel="noreferrer" className="text-muted-foreground inline-flex items-center gap-1 text-sm underline-offset-4 hover:underline">
          Provider docs <ExternalLink aria-hidden className="size-3.5" />
        </a>
      </header>
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
      <div className="grid min-w-0 gap-6 lg:grid-cols-[11rem_minmax(0,1fr)]">
        <SectionNav sections={sections} />
        <div className="grid min-w-0 max-w-3xl gap-6 lg:col-start-2">
          {detail && admin && (
            <Section id="connection" title="Connection" description="Credentials are encrypted and never shown again after saving.">
              <div className="grid gap-6">
                {admin.held > 0 && <HeldNotice type={type} providerName={provider.name} count={admin.held} />}
                <IntegrationForm
                  provider={formView(provider)}
                  detail={detail.version !== null ? { values: detail.values, secretHints: detail.secretHints, displayName: detail.displayName, version: detail.version, unreadable: detail.unreadable } : null}
                />
                {provider.oauthConsent && <OAuthConnect type={type} providerName={provider.name} saved={detail.version !== null} connected={detail.state === 'verified'} />}
              </div>
            </Section>
          )}
          {admin && configured && (
            <Section id="test" title="Test" description="Checks what is saved with the provider’s cheapest read, and records the result.">
              <TestSaved type={type} providerName={provider.name} lastTest={status.lastTest} fields={fieldLabels} />
            </Section>
          )}
          {admin && configured && channels.length > 0 && (
            <Section id="send" title="Send" description={`Send a real test message or call through ${provider.name} and follow it.`}>
              <SendTestDisclosure type={type} providerName={provider.name} channels={[...channels]} call={admin.call} />
            </Section>
          )}
          {canTry && tryType && (
            <Section id="try-it" title="Try it" description={`Make a test ${provider.group === 'payments' ? 'payment' : 'request'} through ${provider.name} and see the answer.`}>
              <TryItDisclosure type={tryType} providerName={provider.name} live={live} />
            </Section>
          )}
          {admin?.webhooks && (
            <Section id="webhooks" title="Webhooks" description={`Status updates from ${provider.name}.`}>
              <WebhookSection type={type} providerName={provider.name} view={admin.webhooks} />
            </Section>
          )}
          {provider.group === 'whatsapp' && (
            <Section id="platform-endpoint" title="Platform endpoint" description="WhatsApp messages can also go through an endpoint run by the platform. Your platform operator chooses it; you can see which one and how it is doing.">
              <EndpointHealth tenantId={ctx.orgId} initial={endpoint} checkAction={isAdmin ? checkEndpointNowAction : undefined} />
            </Section>
          )}
          {admin && (
            <>
              <Section id="activity" title="Activity" description="The last requests made through this integration.">
                <RecentActivity type={type} requests={admin.requests} />
              </Section>
              <Section id="access" title="Access" description={`Admins and managers always see ${provider.name}’s status; agents see and use only what they are given here.`}>
                <AccessLazy type={type} providerName={provider.name} members={admin.access} />
              </Section>
              <Section id="history" title="History" description="The last changes recorded in the audit trail.">
                <RecentHistory type={type} entries={admin.history} />
              </Section>
            </>
          )}
          {!admin && !canTry && provider.group !== 'whatsapp' && (
            <p className="text-muted-foreground text-sm">Only admins can change this integration.</p>
          )}
        </div>
      </div>
    </div>
  );
}
