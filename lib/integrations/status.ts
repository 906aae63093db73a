import 'server-only';
import { cache } from 'react';
import { actorFromSession, type Actor } from '@/lib/auth/actor';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import type { Tx } from '@/lib/db/rls';
import { forbidden, notFound } from '@/lib/http/errors';
import type { ProviderGroup } from './define';
import type { ServerProvider } from './define.server';
import { environmentCredentials, loadRow, loadSealed, openSealed, publicValues, STORED_COLUMNS, type StoredRow } from './credentials';
import { findServerProvider, serverProviders } from './registry.server';

// What an integration looks like to the people allowed to see it, and the checks every integration
// service starts with.

export type IntegrationState = 'not_configured' | 'verified' | 'failing' | 'unverified' | 'environment' | 'disabled';

export interface LastTest {
  ok: boolean;
  code: string | null;
  message: string | null;
  at: string;
  latencyMs: number | null;
}

/** What anyone allowed to see an integration may see: never a secret, never a hint. */
export interface IntegrationStatus {
  type: string;
  name: string;
  group: ProviderGroup;
  state: IntegrationState;
  displayName: string | null;
  isActive: boolean;
  isVerified: boolean;
  lastVerifiedAt: string | null;
  lastTest: LastTest | null;
  version: number | null;
  updatedAt: string | null;
}

/** An admin's view, for the form: non-secret values and a masked hint per saved secret. */
export interface IntegrationDetail extends IntegrationStatus {
  values: Record<string, string>;
  secretHints: Record<string, string>;
  /** The saved credentials exist but cannot be opened (moved, altered, or their key was dropped). */
  unreadable: boolean;
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('Only admins can change integrations.');
}

export function providerOrThrow(type: string): ServerProvider {
  const provider = findServerProvider(type);
  if (!provider) throw notFound('The integration');
  return provider;
}

function stateOf(row: StoredRow | undefined, fromEnv: boolean): IntegrationState {
  if (!row) return fromEnv ? 'environment' : 'not_configured';
  if (!row.is_active) return 'disabled';
  if (row.is_verified && row.last_test_ok !== false) return 'verified';
  if (row.last_test_ok === false) return 'failing';
  return 'unverified';
}

export function statusOf(provider: ServerProvider, row: StoredRow | undefined): IntegrationStatus {
  return {
    type: provider.id,
    name: provider.name,
    group: provider.group,
    state: stateOf(row, !row && environmentCredentials(provider) !== null),
    displayName: row?.display_name ?? null,
    isActive: row?.is_active ?? false,
    isVerified: row?.is_verified ?? false,
    lastVerifiedAt: row?.last_verified_at?.toISOString() ?? null,
    lastTest: row?.last_tested_at
      ? {
          ok: row.last_test_ok === true,
          code: row.last_test_code,
          message: row.last_test_message,
          at: row.last_tested_at.toISOString(),
          latencyMs: row.last_test_latency_ms,
        }
      : null,
    version: row?.version ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}

/** The integration types an agent was granted (admins and managers see every one). */
async function visibleTypes(tx: Tx, actor: Actor): Promise<Set<string> | null> {
  if (actor.role !== 'agent') return null;
  const rows = await tx.query<{ integration_type: string }>(
    `select integration_type from public.user_integration_permissions
      where organization_id = $1 and user_id = $2 and (can_view_status or can_use)`,
    [actor.orgId, actor.userId],
  );
  return new Set(rows.map((r) => r.integration_type));
}

/** Every integration the actor may see (any role; agents only what they were granted). */
export async function listIntegrations(actor: Actor): Promise<IntegrationStatus[]> {
  return actor.db((tx) => listIntegrationsIn(tx, actor));
}

/** The same list, read in a transaction the caller opened as the actor. */
export async function listIntegrationsIn(tx: Tx, actor: Actor): Promise<IntegrationStatus[]> {
  const [rows, visible] = await Promise.all([
    tx.query<StoredRow & { integration_type: string }>(
      `select integration_type, ${STORED_COLUMNS} from public.integration_credentials where organization_id = $1`,
      [actor.orgId],
    ),
    visibleTypes(tx, actor),
  ]);
  const byType = new Map(rows.map((r) => [r.integration_type, r]));
  return serverProviders.filter((p) => !visible || visible.has(p.id)).map((p) => statusOf(p, byType.get(p.id)));
}

/** One integration: its status for anyone allowed to see it, the form's detail for admins. */
export async function getIntegration(actor: Actor, type: string): Promise<IntegrationStatus | IntegrationDetail> {
  const provider = providerOrThrow(type);
  return actor.db(async (tx) => {
    const visible = await visibleTypes(tx, actor);
    if (visible && !visible.has(type)) throw notFound('The integration');
    const row = await loadRow(tx, actor.orgId, type);
    const status = statusOf(provider, row);
    if (actor.role !== 'admin') return status;
    const sealed = row ? await loadSealed(tx, type) : undefined;
    const opened = sealed ? openSealed(actor.orgId, type, sealed) : { values: null, unreadable: false };
    return {
      ...status,
      values: opened.values ? publicValues(provider, opened.values) : {},
      secretHints: opened.values ? (sealed?.secret_hints ?? {}) : {},
      unreadable: opened.unreadable,
    };
  });
}

/** The saved row and its opened credentials (admins only), read in their own short transaction. */
export async function loadSaved(actor: Actor, type: string): Promise<{ row: StoredRow | undefined; values: Record<string, string> | null }> {
  return actor.db(async (tx) => {
    const row = await loadRow(tx, actor.orgId, type);
    const sealed = row ? await loadSealed(tx, type) : undefined;
    return { row, values: sealed ? openSealed(actor.orgId, type, sealed).values : null };
  });
}

/**
 * One integration for the signed-in member, read once per request: an integration's page asks in its
 * guard layout (for the 404) and again in the page, and an admin's read opens the sealed credentials.
 */
export const getIntegrationForMember = cache(async (type: string): Promise<IntegrationStatus | IntegrationDetail> =>
  getIntegration(actorFromSession(await requireOrgRole(...ALL_ROLES)), type),
);
