'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import type { HealthAlerts } from '@/lib/endpoints/alerts';
import { whatsappKeys } from '@/lib/endpoints/query-keys';
import { TimeAgo } from '@/components/whatsapp/time-ago';

export function HealthAlertBannerLive({ initial, after, activeOrgId }: { initial: HealthAlerts; after: string; activeOrgId: string | null }) {
  const { data: alerts } = useQuery({
    queryKey: whatsappKeys.alerts(activeOrgId),
    queryFn: async () => {
      const res = await fetch('/api/whatsapp/alerts', { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`alerts ${res.status}`);
      return (await res.json()) as HealthAlerts;
    },
    initialData: initial,
    refetchInterval: 30_000,
  });
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
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="grid gap-1">{lines}</div>
    </div>
  );
}
