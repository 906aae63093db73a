import 'server-only';
import { withElevated, type Tx } from '@/lib/db/rls';
import type { ProviderGroup } from './define';
import { STORED_COLUMNS, type StoredRow } from './credentials';
import { serverProviders } from './registry.server';
import { statusOf } from './status';

// How each integration is doing, from what the portal already stores (the last connection test,
// the request log's queue and the last hour's attempts). It never calls a provider, so an uptime
// monitor may ask for it as often as it likes.

export type HealthState = 'not_configured' | 'verified' | 'unverified' | 'failing' | 'needs_reconnecting' | 'environment' | 'disabled';

export interface IntegrationHealth {
  type: string;
  name: string;
  group: ProviderGroup;
  state: HealthState;
  /** Why it is failing or needs reconnecting, in the words of its last test or send. */
  reason: string | null;
  lastVerifiedAt: string | null;
  lastFailure: { at: string; code: string | null; message: string | null } | null;
  queued: number;
  held: number;
  lastHour: { attempts: number; succeeded: number; successRate: number | null };
}

const DEAD = new Set(['bad_credentials', 'token_expired', 'missing_scope']);

interface Activity {
  queued: number;
  held: number;
  attempts: number;
  succeeded: number;
  failedAt: Date | null;
  failedCode: string | null;
  failedMessage: string | null;
}

const none: Activity = { queued: 0, held: 0, attempts: 0, succeeded: 0, failedAt: null, failedCode: null, failedMessage: null };

function healthOf(type: string, row: Parameters<typeof statusOf>[1], activity: Activity = none): IntegrationHealth | null {
  const provider = serverProviders.find((p) => p.id === type);
  if (!provider) return null;
  const status = statusOf(provider, row);
  const test = status.lastTest;
  const testFailure = test && !test.ok ? { at: test.at, code: test.code, message: test.message } : null;
  const sendFailure = activity.failedAt ? { at: activity.failedAt.toISOString(), code: activity.failedCode, message: activity.failedMessage } : null;
  const lastFailure = [testFailure, sendFailure].filter((f) => f !== null).sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
  const state: HealthState = status.state === 'failing' && DEAD.has(test?.code ?? '') ? 'needs_reconnecting' : status.state;
  return {
    type,
    name: provider.name,
    group: provider.group,
    state,
    reason: state === 'failing' || state === 'needs_reconnecting' ? (test?.message ?? null) : null,
    lastVerifiedAt: status.lastVerifiedAt,
    lastFailure,
    queued: activity.queued,
    held: activity.held,
    lastHour: {
      attempts: activity.attempts,
      succeeded: activity.succeeded,
      successRate: activity.attempts > 0 ? Math.round((activity.succeeded / activity.attempts) * 1000) / 1000 : null,
    },
  };
}

/** The saved integrations of one organization (or of all), by organization and type. */
export async function loadRowsOf(tx: Tx, orgId: string | null): Promise<Map<string, Map<string, StoredRow>>> {
  const rows = await tx.query<StoredRow & { organization_id: string; integration_type: string }>(
    `select organization_id, integration_type, ${STORED_COLUMNS} from public.integration_credentials where ${orgId ? 'organization_id = $1' : '$1::uuid is null'}`,
    [orgId],
  );
  const byOrg = new Map<string, Map<string, StoredRow>>();
  for (const row of rows) (byOrg.get(row.organization_id) ?? byOrg.set(row.organization_id, new Map()).get(row.organization_id)!).set(row.integration_type, row);
  return byOrg;
}

async function activityOf(tx: Tx, orgId: string | null): Promise<Map<string, Map<string, Activity>>> {
  const byOrg = new Map<string, Map<string, Activity>>();
  const entry = (org: string, type: string) => {
    const types = byOrg.get(org) ?? byOrg.set(org, new Map()).get(org)!;
    return types.get(type) ?? types.set(type, { ...none }).get(type)!;
  };
  const scope = orgId ? 'organization_id = $1 and' : '$1::uuid is null and';
  // One client per transaction: the queries go one after another.
  const queues = await tx.query<{ organization_id: string; integration_type: string; queued: number; held: number }>(
      `select organization_id, integration_type, count(*) filter (where status <> 'held')::int as queued, count(*) filter (where status = 'held')::int as held
         from public.outbound_requests where ${scope} status in ('queued', 'sending', 'held') group by 1, 2`,
      [orgId],
    );
  const hour = await tx.query<{ organization_id: string; integration_type: string; attempts: number; succeeded: number }>(
      `select organization_id, integration_type, count(*)::int as attempts, count(*) filter (where outcome = 'accepted')::int as succeeded
         from public.outbound_attempts where ${scope} started_at > now() - interval '1 hour' group by 1, 2`,
      [orgId],
    );
  const failures = await tx.query<{ organization_id: string; integration_type: string; started_at: Date; code: string | null; message: string | null }>(
      `select distinct on (organization_id, integration_type) organization_id, integration_type, started_at, code, message
         from public.outbound_attempts where ${scope} started_at > now() - interval '24 hours' and outcome <> 'accepted'
        order by organization_id, integration_type, started_at desc`,
      [orgId],
    );
  for (const q of queues) Object.assign(entry(q.organization_id, q.integration_type), { queued: q.queued, held: q.held });
  for (const h of hour) Object.assign(entry(h.organization_id, h.integration_type), { attempts: h.attempts, succeeded: h.succeeded });
  for (const f of failures) Object.assign(entry(f.organization_id, f.integration_type), { failedAt: f.started_at, failedCode: f.code, failedMessage: f.message });
  return byOrg;
}

/** Every integration of one organization, in the registry's order. */
export async function organizationHealth(orgId: string): Promise<{ checkedAt: string; integrations: IntegrationHealth[] }> {
  return withElevated('integrations.health', async (tx) => {
    const rows = await loadRowsOf(tx, orgId);
    const activity = await activityOf(tx, orgId);
    const mine = activity.get(orgId);
    const integrations = serverProviders.map((p) => healthOf(p.id, rows.get(orgId)?.get(p.id), mine?.get(p.id))).filter((h) => h !== null);
    return { checkedAt: new Date().toISOString(), integrations };
  });
}

/** Every organization's integrations that are set up or were used (superadmins). */
export async function platformHealth(): Promise<{ checkedAt: string; organizations: { id: string; name: string; integrations: IntegrationHealth[] }[] }> {
  return withElevated('integrations.health', async (tx) => {
    const orgs = await tx.query<{ id: string; name: string }>(`select id, name from public.organizations order by name, id`);
    const rows = await loadRowsOf(tx, null);
    const activity = await activityOf(tx, null);
    const organizations = orgs.map((org) => ({
      id: org.id,
      name: org.name,
      integrations: serverProviders
        .map((p) => healthOf(p.id, rows.get(org.id)?.get(p.id), activity.get(org.id)?.get(p.id)))
        .filter((h) => h !== null && (h.state !== 'not_configured' || h.queued + h.held + h.lastHour.attempts > 0)) as IntegrationHealth[],
    }));
    return { checkedAt: new Date().toISOString(), organizations };
  });
}
