import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import type { Viewer } from '@/lib/auth/session';
import type { OrgRole } from '@/lib/db/rls';
import { healthAlertsFor } from '@/lib/endpoints/alerts';
import { reconnectAlerts } from '@/lib/gateway/alerts';
import { disabledEndpointAlerts } from '@/lib/webhooks/outbound/alerts';
import { resetEndpointCatalogue } from '@/lib/endpoints/catalogue';
import { shellAlerts } from './alerts';

// The banners read in one transaction: the same answers as each banner's own service, for the same audience.

const db = seededDatabase();

// The server lists the tenant's endpoint, so its outage is an alert (a removed endpoint raises none).
const saved = process.env.WHATSAPP_ENDPOINTS;
beforeAll(() => {
  process.env.WHATSAPP_ENDPOINTS = JSON.stringify([{ name: 'Primary', apiUrl: 'https://wa.example/primary', apiKey: 'alerts-test-key-7f3a' }]);
  resetEndpointCatalogue();
});
afterAll(() => {
  if (saved === undefined) delete process.env.WHATSAPP_ENDPOINTS;
  else process.env.WHATSAPP_ENDPOINTS = saved;
  resetEndpointCatalogue();
});

function viewerOf(org: FreshOrganization, role: OrgRole): Viewer {
  const m = org.member(role);
  const membership = { membershipId: m.membershipId, orgId: org.id, orgSlug: org.slug, orgName: org.name, role };
  return { user: { id: m.userId, email: m.email, name: m.name, isSuperadmin: false }, memberships: [membership], active: membership };
}

async function turnedOffEndpoint(org: FreshOrganization, url: string) {
  await db.owner.query(
    `insert into webhook_endpoints (organization_id, url, event_types, enabled, disabled_reason, disabled_at, secret_sealed, secret_hint, key_id)
     values ($1, $2, '{payment.*}', false, 'gone', now(), 'x', 'whsec_…', 'k')`,
    [org.id, url],
  );
}

describe('shellAlerts', () => {
  it("gives an admin what the three banners' services give, and nothing of another organization", async () => {
    const [org, other] = [await freshOrganization(db.owner, { members: ['admin', 'manager'], whatsapp: { endpoint: 'Primary' } }), await freshOrganization(db.owner, { members: ['admin'] })];
    await db.owner.query(`update tenant_whatsapp_config set alert_raised_at = now(), unhealthy_since = now() where tenant_id = $1`, [org.id]);
    await turnedOffEndpoint(org, 'https://crm.example/own');
    await turnedOffEndpoint(other, 'https://crm.example/other');
    const viewer = viewerOf(org, 'admin');
    const actor = org.member('admin').actor;
    const alerts = await shellAlerts(viewer);
    expect(alerts).toEqual({ health: await healthAlertsFor(viewer), reconnect: await reconnectAlerts(actor), webhooks: await disabledEndpointAlerts(actor) });
    expect(alerts.health.tenant?.endpointName).toBe('Primary');
    expect(alerts.webhooks.map((w) => w.url)).toEqual(['https://crm.example/own']);
  });

  it('shows a manager nothing', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager'] });
    await turnedOffEndpoint(org, 'https://crm.example/managers');
    expect(await shellAlerts(viewerOf(org, 'manager'))).toEqual({ health: { platform: null, tenant: null }, reconnect: [], webhooks: [] });
  });
});
