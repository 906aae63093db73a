'use client';

import { useEffect, useState } from 'react';
import type { HealthAlerts } from '@/lib/endpoints/alerts';
import { TimeAgo } from '@/components/shell/when';
import { Banner, BannerItem } from './banner';

/**
 * The banner sits in the shell of every page, so its first render is the server's data (in the HTML
 * from the first byte, nothing moves at hydration) and its polling (the query library) is fetched
 * once the page is interactive. `icon` is drawn on the server.
 */
export function HealthAlertBannerLive({
  initial,
  after,
  activeOrgId,
  icon,
}: {
  initial: HealthAlerts;
  after: string;
  activeOrgId: string | null;
  icon: React.ReactNode;
}) {
  const [alerts, setAlerts] = useState(initial);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./health-alert-watch').then(({ watchHealthAlerts }) => {
      if (!cancelled) stop = watchHealthAlerts(activeOrgId, initial, setAlerts);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [activeOrgId, initial]);
  const lines: React.ReactNode[] = [];
  if (alerts.platform) {
    lines.push(
      <BannerItem
        key="platform"
        icon={icon}
        summary={alerts.platform === 1 ? '1 tenant’s endpoint is failing' : `${alerts.platform} tenants’ endpoints are failing`}
        href="/admin/tenants?health=alert"
        action="See which"
      >
        {alerts.platform === 1
          ? '1 tenant’s WhatsApp endpoint has failed its health checks'
          : `${alerts.platform} tenants’ WhatsApp endpoints have failed their health checks`}{' '}
        for more than {after}, so their WhatsApp messages may not be delivered. Open each to see the reason, then fix the endpoint and check it again, or move
        the tenant to another endpoint.
      </BannerItem>,
    );
  }
  if (alerts.tenant) {
    lines.push(
      <BannerItem key="tenant" icon={icon} summary={`WhatsApp endpoint “${alerts.tenant.endpointName}” is failing`} href="/settings/integrations/meta_whatsapp" action="Details">
        Your WhatsApp endpoint “{alerts.tenant.endpointName}” started failing its health checks <TimeAgo iso={alerts.tenant.unhealthySince} />, so WhatsApp
        messages may not be delivered. Your platform operator has been alerted and is working on it; there is nothing to change on your side.
      </BannerItem>,
    );
  }
  if (lines.length === 0) return null;
  return <Banner tone="danger">{lines}</Banner>;
}
