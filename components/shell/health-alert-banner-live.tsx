'use client';

import { useEffect, useState } from 'react';
import type { HealthAlerts } from '@/lib/endpoints/alerts';
import { TimeAgo } from '@/components/whatsapp/time-ago';
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
        summary={alerts.platform === 1 ? '1 tenant’s endpoint is unhealthy' : `${alerts.platform} tenants’ endpoints are unhealthy`}
        href="/admin/tenants?health=alert"
        action="See which"
      >
        {alerts.platform === 1 ? '1 tenant’s WhatsApp endpoint has' : `${alerts.platform} tenants’ WhatsApp endpoints have`} been unhealthy for more than {after}.
      </BannerItem>,
    );
  }
  if (alerts.tenant) {
    lines.push(
      <BannerItem key="tenant" icon={icon} summary={`WhatsApp endpoint “${alerts.tenant.endpointName}” is unhealthy`} href="/settings/integrations?tab=whatsapp" action="Details">
        Your WhatsApp endpoint “{alerts.tenant.endpointName}” has been unhealthy since <TimeAgo iso={alerts.tenant.unhealthySince} />. Messages may not be
        delivered; the platform team has been alerted.
      </BannerItem>,
    );
  }
  if (lines.length === 0) return null;
  return <Banner tone="danger">{lines}</Banner>;
}
