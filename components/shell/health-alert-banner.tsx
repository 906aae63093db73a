import Link from 'next/link';
import { TriangleAlert } from 'lucide-react';
import type { Viewer } from '@/lib/auth/session';
import { healthAlertsFor } from '@/lib/endpoints/alerts';
import { env } from '@/lib/env';
import { TimeAgo } from '@/components/whatsapp/time-ago';

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

/** Shown on every portal page while an endpoint alert is open: to superadmins, and to that tenant's admins. */
export async function HealthAlertBanner({ viewer }: { viewer: Viewer }) {
  const alerts = await healthAlertsFor(viewer);
  const after = duration(env().WHATSAPP_ALERT_AFTER_SECONDS);
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
        Your WhatsApp endpoint “{alerts.tenant.endpointName}” has been unhealthy since <TimeAgo iso={alerts.tenant.unhealthySince} />. Messages may not be delivered; the platform team has been alerted.{' '}
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
