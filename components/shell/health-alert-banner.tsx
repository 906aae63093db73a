import { TriangleAlert } from '@/components/icons';
import type { Viewer } from '@/lib/auth/session';
import { watchesHealth } from '@/lib/endpoints/alerts';
import { shellAlerts } from '@/lib/shell/alerts';
import { env } from '@/lib/env';
import { HealthAlertBannerLive } from './health-alert-banner-live';

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

/**
 * Shown on every portal page while an endpoint alert is open: to superadmins, and to that tenant's
 * admins. Rendered with the page, then kept current by polling (the layout does not re-render on
 * client-side navigation).
 */
export async function HealthAlertBanner({ viewer }: { viewer: Viewer }) {
  if (!watchesHealth(viewer)) return null;
  return (
    <HealthAlertBannerLive
      initial={(await shellAlerts(viewer)).health}
      after={duration(env().WHATSAPP_ALERT_AFTER_SECONDS)}
      activeOrgId={viewer.active?.orgId ?? null}
      icon={<TriangleAlert className="size-4 shrink-0 md:mt-0.5" aria-hidden />}
    />
  );
}
