import 'server-only';
import { viewerDb, type Viewer } from '@/lib/auth/session';
import type { Tx } from '@/lib/db/rls';
import { catalogueStatus, isRemovedEndpoint, listEndpointNames } from './catalogue';

export interface HealthAlerts {
  /** Superadmins: how many tenants' endpoints are alerting, platform-wide. */
  platform: number | null;
  /** The active organization's admins: their endpoint, when it is alerting. */
  tenant: { endpointName: string; unhealthySince: string | null } | null;
}

/** Whether the viewer is shown endpoint alerts at all: superadmins, and admins of the active organization. */
export const watchesHealth = (viewer: Viewer) => viewer.user.isSuperadmin || viewer.active?.role === 'admin';

/**
 * Alerts for the banner: an endpoint unhealthy for longer than WHATSAPP_ALERT_AFTER_SECONDS stays
 * listed until it recovers. Superadmins see the platform count, a tenant's admins their own endpoint.
 */
export async function healthAlertsFor(viewer: Viewer): Promise<HealthAlerts> {
  if (!watchesHealth(viewer)) return { platform: null, tenant: null };
  return viewerDb(viewer, (tx) => healthAlertsIn(tx, viewer));
}

/** The same alerts, read in a transaction the caller opened as this viewer. */
export async function healthAlertsIn(tx: Tx, viewer: Viewer): Promise<HealthAlerts> {
  const wantsTenant = viewer.active?.role === 'admin';
  if (!viewer.user.isSuperadmin && !wantsTenant) return { platform: null, tenant: null };
  const platform = viewer.user.isSuperadmin
    ? ((
        await tx.one<{ n: number }>(
          `select count(*)::int as n from public.tenant_whatsapp_config
            where alert_raised_at is not null and ($1::boolean or endpoint_name = any($2::text[]))`,
          [catalogueStatus().problems.length > 0, listEndpointNames()],
        )
      )?.n ?? 0)
    : null;
  const own = wantsTenant
    ? await tx.one<{ endpoint_name: string; unhealthy_since: Date | null }>(
        `select endpoint_name, unhealthy_since from public.tenant_whatsapp_config
          where tenant_id = $1 and alert_raised_at is not null`,
        [viewer.active!.orgId],
      )
    : undefined;
  return {
    platform,
    tenant: own && !isRemovedEndpoint(own.endpoint_name) ? { endpointName: own.endpoint_name, unhealthySince: own.unhealthy_since?.toISOString() ?? null } : null,
  };
}
