'use client';

import { useEffect, useState, useTransition } from 'react';
import { toast } from '@/lib/toast';
import { icon } from '@/components/icon';
import type { TenantEndpointSummary, TenantWhatsAppConfig } from '@/lib/endpoints/assignments';
import type { ActionResult } from '@/lib/http/action';
import type { HealthStatus } from '@/lib/endpoints/transitions';
import { whatsappKeys } from '@/lib/endpoints/query-keys';
import { canCheck, endpointState, removedAdvice, type EndpointAudience } from '@/lib/endpoints/state';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { HealthBadge } from './health-badge';
import { TimeAgo, When } from '@/components/shell/when';

const Activity = icon('Activity', 'Activity');
const RefreshCw = icon('RefreshCw', 'RefreshCw');

type CheckAction = (input: { tenantId: string }) => Promise<ActionResult<{ status: HealthStatus; latency_ms: number; reason: string | null }>>;
type Config = TenantWhatsAppConfig | TenantEndpointSummary;

const statusWords: Record<HealthStatus, string> = { healthy: 'healthy', degraded: 'degraded', unhealthy: 'unhealthy', unknown: 'not checked' };

/**
 * Polls a tenant's assignment so health changes appear without a reload. The server's copy shows at
 * once; the query library arrives after the page is interactive, well before the first poll is due.
 */
export function useTenantConfig(tenantId: string, initial: Config | null): Config | null {
  const [config, setConfig] = useState(initial);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('@/lib/query/observe').then(({ observeQuery }) => {
      if (cancelled) return;
      ({ stop } = observeQuery<Config | null>(
        {
          queryKey: whatsappKeys.config(tenantId),
          queryFn: async () => {
            const res = await fetch(`/api/whatsapp/tenant-config/${tenantId}`, { headers: { accept: 'application/json' } });
            if (!res.ok) throw new Error(`tenant config ${res.status}`);
            return ((await res.json()) as { config: Config | null }).config;
          },
          initialData: initial,
          refetchInterval: 10_000,
        },
        setConfig,
      ));
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [tenantId, initial]);
  return config;
}

/**
 * The health of a tenant's endpoint. Tenants get (from the server) and see its name, a badge and the
 * last check; superadmins also the last healthy time, the failure streak and the last failure's reason.
 */
export function EndpointHealth({
  tenantId,
  initial,
  checkAction,
  audience = 'tenant',
}: {
  tenantId: string;
  initial: Config | null;
  checkAction?: CheckAction;
  audience?: EndpointAudience;
}) {
  const config = useTenantConfig(tenantId, initial);
  const state = endpointState(config);
  const [checking, startCheck] = useTransition();

  const runCheck = () =>
    startCheck(async () => {
      if (!checkAction) return;
      const result = await checkAction({ tenantId });
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      const { status, latency_ms: latencyMs, reason } = result.data;
      const message = `Check finished: ${statusWords[status]} (${latencyMs} ms)`;
      if (status === 'healthy') toast.success(message);
      else toast.warning(reason ? `${message}. ${reason}` : message);
      // The alert banner too: a check may have raised or cleared an alert.
      await (await import('@/lib/query/observe')).invalidate(whatsappKeys.all);
    });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Activity className="size-4" aria-hidden /> Endpoint health
        </CardTitle>
        <CardDescription>Checked automatically{config ? ` every ${config.health_check_interval} s` : ''}; updates on its own.</CardDescription>
        {checkAction && canCheck(state) && (
          <CardAction>
            <Button variant="outline" size="sm" onClick={runCheck} disabled={checking}>
              <RefreshCw className={checking ? 'animate-spin' : undefined} aria-hidden /> {checking ? 'Checking…' : 'Check now'}
            </Button>
          </CardAction>
        )}
      </CardHeader>
      <CardContent>
        {!config ? (
          <p className="text-muted-foreground text-sm">No WhatsApp endpoint is assigned.</p>
        ) : (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Endpoint</dt>
            <dd className="font-medium" data-testid="endpoint-name">
              {config.endpoint_name}
            </dd>
            <dt className="text-muted-foreground">Status</dt>
            <dd data-testid="endpoint-health">
              <HealthBadge status={state} />
            </dd>
            {state === 'removed' && (
              <dd className="col-span-2 text-amber-900 dark:text-amber-200" data-testid="endpoint-removed">
                {removedAdvice(audience, config.endpoint_name)}
              </dd>
            )}
            <dt className="text-muted-foreground">Last check</dt>
            <dd>
              <TimeAgo iso={config.last_health_check} fallback="Not yet" />
            </dd>
            {'consecutive_failures' in config && (
              <>
                <dt className="text-muted-foreground">Last healthy</dt>
                <dd>
                  <TimeAgo iso={config.last_healthy_at} />
                </dd>
                <dt className="text-muted-foreground">Failures in a row</dt>
                <dd className="tabular-nums">{config.consecutive_failures}</dd>
                <dt className="text-muted-foreground">Last problem</dt>
                <dd data-testid="endpoint-last-error">{config.last_error ?? <span className="text-muted-foreground">None</span>}</dd>
                {config.alert_raised_at && state !== 'removed' && (
                  <>
                    <dt className="text-muted-foreground">Alert</dt>
                    <dd className="text-destructive">
                      Raised <TimeAgo iso={config.alert_raised_at} />; failing its health checks since <When iso={config.unhealthy_since} />
                    </dd>
                  </>
                )}
              </>
            )}
          </dl>
        )}
      </CardContent>
    </Card>
  );
}
