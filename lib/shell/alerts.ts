import 'server-only';
import { cache } from 'react';
import { actorFromSession } from '@/lib/auth/actor';
import { adminContextOf } from '@/lib/auth/guards';
import { viewerDb, type Viewer } from '@/lib/auth/session';
import { healthAlertsIn, watchesHealth, type HealthAlerts } from '@/lib/endpoints/alerts';
import { reconnectAlertsIn, type ReconnectAlert } from '@/lib/gateway/alerts';
import { disabledEndpointAlertsIn, type DisabledEndpointAlert } from '@/lib/webhooks/outbound/alerts';

export interface ShellAlerts {
  health: HealthAlerts;
  reconnect: ReconnectAlert[];
  webhooks: DisabledEndpointAlert[];
}

const NONE: ShellAlerts = { health: { platform: null, tenant: null }, reconnect: [], webhooks: [] };

/**
 * What the portal's banners say, read once per request in one transaction as the viewer: every page
 * draws all the banners, and one transaction instead of one per banner is a third of a light page's
 * database work. Each part keeps its own audience (superadmins and admins; admins only).
 */
export const shellAlerts = cache(async (viewer: Viewer): Promise<ShellAlerts> => {
  if (!watchesHealth(viewer)) return NONE;
  const admin = adminContextOf(viewer);
  return viewerDb(viewer, async (tx) => {
    const health = await healthAlertsIn(tx, viewer);
    if (!admin) return { ...NONE, health };
    // One after the other: a transaction is one connection, which runs one statement at a time anyway.
    const reconnect = await reconnectAlertsIn(tx, actorFromSession(admin));
    return { health, reconnect, webhooks: await disabledEndpointAlertsIn(tx, admin.orgId) };
  });
});
