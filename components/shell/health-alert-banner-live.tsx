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
        {alerts.platform === 1 ? '1 tenant’s WhatsApp endpoint has' : `${alerts.platform} tenants’ WhatsApp endpoints have`} been unhealthy for more than {after}.{' '}
        <Link href="/admin/tenants?health=alert" className="font-medium underline underline-offset-4">
          See which
        </Link>
      </span>,
    );
  }
  if (alerts.tenant) {
    lines.push(
      <span key="tenant">
        Your WhatsApp endpoint “{alerts.tenant.endpointName}” has been unhealthy since <TimeAgo iso={alerts.tenant.unhealthySince} />. Messages may not be
        delivered; the platform team has been alerted.{' '}
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
