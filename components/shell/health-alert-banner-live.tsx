'use client';

import { useEffect, useState } from 'react';
import Link from 'next/link';
import type { HealthAlerts } from '@/lib/endpoints/alerts';
import { TimeAgo } from '@/components/shell/when';

/**
 * The banner sits in the shell of every page, so it starts as rendered on the server and fetches
 * its polling (the query library) once the page is interactive. `icon` is drawn on the server.
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
      <span key="platform">
        {alerts.platform === 1
          ? '1 tenant’s WhatsApp endpoint has failed its health checks'
          : `${alerts.platform} tenants’ WhatsApp endpoints have failed their health checks`}{' '}
        for more than {after}, so their WhatsApp messages may not be delivered. Open each to see the reason, then fix the endpoint and check it again, or
        move the tenant to another endpoint.{' '}
        <Link href="/admin/tenants?health=alert" className="font-medium underline underline-offset-4">
          See which
        </Link>
      </span>,
    );
  }
  if (alerts.tenant) {
    lines.push(
      <span key="tenant">
        Your WhatsApp endpoint “{alerts.tenant.endpointName}” started failing its health checks <TimeAgo iso={alerts.tenant.unhealthySince} />, so WhatsApp
        messages may not be delivered. Your platform operator has been alerted and is working on it; there is nothing to change on your side.{' '}
        <Link href="/settings/integrations?tab=whatsapp" className="font-medium underline underline-offset-4">
          Details
        </Link>
      </span>,
    );
  }
  if (lines.length === 0) return null;
  return (
    <div role="alert" className="bg-destructive/10 text-destructive border-destructive/30 flex items-start gap-2 border-b px-4 py-2 text-sm md:px-6">
      {icon}
      <div className="grid gap-1">{lines}</div>
    </div>
  );
}
