import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { sealCredentials } from '@/lib/crypto/keyring';
import type { Tx } from '@/lib/db/rls';
import { AppError, forbidden, notFound } from '@/lib/http/errors';
import {
  deleteIntegrationSchema,
  permissionSchema,
  saveIntegrationSchema,
  testIntegrationSchema,
} from '@/lib/validations/integrations';
import type { ProviderGroup, TestResult } from './define';
import type { ServerProvider as AnyProvider } from './define.server';
import {
  blankSecrets,
  changedFieldNames,
  environmentCredentials,
  fieldErrors,
  loadRow,
  loadSealed,
  managedFields,
  mergeCredentials,
  openSealed,
  publicValues,
  secretHints,
  STORED_COLUMNS,
  toStored,
  userHostFields,
  type StoredRow,
} from './credentials';
import { findServerProvider as findProvider, serverProviders as providers } from './registry.server';
import { runProviderTest } from './run';

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

const isAdmin = (actor: Actor) => actor.role === 'admin';

function providerOrThrow(type: string): AnyProvider {
  const provider = findProvider(type);
  if (!provider) throw notFound('The integration');
  return provider;
}

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only admins can change integrations.');
}

function stateOf(row: StoredRow | undefined, fromEnv: boolean): IntegrationState {
  if (!row) return fromEnv ? 'environment' : 'not_configured';
  if (!row.is_active) return 'disabled';
  if (row.is_verified && row.last_test_ok !== false) return 'verified';
  if (row.last_test_ok === false) return 'failing';
  return 'unverified';
}

function statusOf(provider: AnyProvider, row: StoredRow | undefined): IntegrationStatus {
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

export async function listIntegrations(actor: Actor): Promise<IntegrationStatus[]> {
  return actor.db(async (tx) => {
    const [rows, visible] = await Promise.all([
      tx.query<StoredRow & { integration_type: string }>(
        `select integration_type, ${STORED_COLUMNS} from public.integration_credentials where organization_id = $1`,
        [actor.orgId],
      ),
      visibleTypes(tx, actor),
    ]);
    const byType = new Map(rows.map((r) => [r.integration_type, r]));
    return providers.filter((p) => !visible || visible.has(p.id)).map((p) => statusOf(p, byType.get(p.id)));
  });
}

export async function getIntegration(actor: Actor, type: string): Promise<IntegrationStatus | IntegrationDetail> {
  const provider = providerOrThrow(type);
  return actor.db(async (tx) => {
    const visible = await visibleTypes(tx, actor);
    if (visible && !visible.has(type)) throw notFound('The integration');
    const row = await loadRow(tx, actor.orgId, type);
    const status = statusOf(provider, row);
    if (!isAdmin(actor)) return status;
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
async function loadSaved(actor: Actor, type: string) {
  return actor.db(async (tx) => {
    const row = await loadRow(tx, actor.orgId, type);
    const sealed = row ? await loadSealed(tx, type) : undefined;
    return { row, values: sealed ? openSealed(actor.orgId, type, sealed).values : null };
  });
}

function validationError(fields: Record<string, string[]>): AppError {
  return new AppError(422, 'validation_failed', 'Some fields are invalid.', fields);
}

export class TestFailedError extends AppError {
  constructor(readonly result: Extract<TestResult, { ok: false }>) {
    super(422, 'test_failed', `The connection test failed: ${result.message}`, undefined, { result });
  }
}

const conflict = () =>
  new AppError(409, 'conflict', 'Someone else changed this integration since you opened it. Reload to see their changes, then try again.');

/**
 * Validates what a form or API call sent, with blank secrets filled from the saved credentials —
 * but a saved secret is never sent to a host other than the one it was saved for, and OAuth tokens
 * obtained for one client do not survive a change of the client's settings.
 */
function prepareCredentials(provider: AnyProvider, input: Record<string, unknown>, saved: Record<string, string> | null) {
  const parse = (merged: Record<string, unknown>) => {
    const parsed = provider.schema.safeParse(merged);
    if (!parsed.success) throw validationError(fieldErrors(parsed.error));
    return parsed.data as Record<string, unknown>;
  };
  let data = parse(mergeCredentials(provider, input, saved));
  let values = toStored(data);
  if (saved) {
    const hostMoved = userHostFields(provider).some((f) => values[f] !== saved[f]);
    const reused = blankSecrets(provider, input).filter((f) => saved[f] !== undefined);
    if (hostMoved && reused.length > 0) {
      throw validationError(Object.fromEntries(reused.map((f) => [f, ['Enter it again: saved secrets are only sent to the host they were saved for.']])));
    }
    const clientChanged = changedFieldNames(publicValues(provider, values), publicValues(provider, saved)).length > 0;
    const managed = managedFields(provider).filter((f) => values[f] !== undefined);
    if (clientChanged && managed.length > 0) {
      const merged = { ...data };
      for (const f of managed) delete merged[f];
      data = parse(merged);
      values = toStored(data);
    }
  }
  return { data, values };
}

const hasValues = (input: Record<string, unknown>) => Object.values(input).some((v) => v !== null && v !== undefined && String(v).trim() !== '');

/** Where an integration event is recorded: the actor's organization, with the integration as its target. */
const aboutIntegration = (actor: Actor, type: string) => ({ orgId: actor.orgId, integrationType: type, targetType: 'integration', targetId: type });

function testMetadata(result: TestResult, during: 'test' | 'save') {
  return {
    during,
    result: result.ok ? 'ok' : result.code,
    latency_ms: result.latencyMs ?? null,
  };
}

/**
 * Tests credentials. With no values it tests what is saved (or the server environment) and records
 * the result on the saved row; with values it tests them unsaved, filling blank secrets from the row.
 */
export async function testIntegration(actor: Actor, type: string, raw: unknown): Promise<{ result: TestResult; status: IntegrationStatus | null }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  const input = testIntegrationSchema.parse(raw ?? {});
  const saved = await loadSaved(actor, type);

  // With no saved row, an empty request tests the server environment's credentials exactly as they
  // are; values in the request are never completed from the environment (that would send the
  // platform's secrets wherever the request points), and the platform account's details stay private.
  let data: Record<string, unknown>;
  let source: 'saved' | 'form' | 'environment';
  if (!saved.row && !hasValues(input.credentials)) {
    const fromEnv = environmentCredentials(provider);
    if (!fromEnv) throw validationError(Object.fromEntries(Object.keys(provider.fields).slice(0, 1).map((f) => [f, ['Enter the credentials to test.']])));
    data = provider.schema.parse(fromEnv) as Record<string, unknown>;
    source = 'environment';
  } else {
    const prepared = prepareCredentials(provider, input.credentials, saved.row ? saved.values : null);
    data = prepared.data;
    source = saved.row && saved.values && changedFieldNames(prepared.values, saved.values).length === 0 ? 'saved' : 'form';
  }

  const tested = await runProviderTest(provider, data);
  const result: TestResult = source === 'environment' && tested.ok ? { ...tested, details: {} } : tested;
  const status = await actor.db(async (tx) => {
    let updated: StoredRow | undefined;
    if (source === 'saved' && saved.row) {
      // Only if the row still holds what was tested: a save in the meantime keeps its own status.
      updated = await tx.one<StoredRow>(
        `update public.integration_credentials
            set last_tested_at = now(), last_test_ok = $3, last_test_code = $4, last_test_message = $5, last_test_latency_ms = $6,
                is_verified = $3, last_verified_at = case when $3 then now() else last_verified_at end, updated_by = $8
          where id = $1 and organization_id = $2 and version = $7
          returning ${STORED_COLUMNS}`,
        [saved.row.id, actor.orgId, result.ok, result.ok ? null : result.code, result.ok ? null : result.message, result.latencyMs ?? null, saved.row.version, actor.userId],
      );
    }
    await writeAudit(tx, actor.audit, {
      action: 'integration.tested',
      ...aboutIntegration(actor, type),
      outcome: result.ok ? 'success' : 'failure',
      metadata: { ...testMetadata(result, 'test'), source },
    });
    return updated ? statusOf(provider, updated) : null;
  });
  return { result, status };
}

/**
 * Saves credentials. Changed credentials are tested first and a failure saves nothing (the previous
 * credentials stay as they were), unless the admin explicitly saves them unverified. A save that
 * changes only the display name or the active switch keeps the verification it had.
 */
export async function saveIntegration(actor: Actor, type: string, raw: unknown): Promise<{ detail: IntegrationDetail; created: boolean; result: TestResult | null }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  const input = saveIntegrationSchema.parse(raw ?? {});
  const saved = await loadSaved(actor, type);
  if (input.expected_version !== undefined && saved.row?.version !== input.expected_version) throw conflict();

  const { data, values } = prepareCredentials(provider, input.credentials, saved.values);
  const changedCredentials = changedFieldNames(values, saved.values);
  const credentialsChanged = !saved.row || saved.values === null || changedCredentials.length > 0;
  // An OAuth client is saved before its account is connected: there is nothing to test until then.
  const awaitingConsent = provider.oauth !== undefined && managedFields(provider).some((f) => values[f] === undefined);

  let result: TestResult | null = null;
  if (credentialsChanged && !input.save_unverified && !awaitingConsent) {
    result = await runProviderTest(provider, data);
    if (!result.ok) {
      const failed = result;
      await actor.db((tx) =>
        writeAudit(tx, actor.audit, {
          action: 'integration.tested',
          ...aboutIntegration(actor, type),
          outcome: 'failure',
          changedFields: changedCredentials,
          metadata: { ...testMetadata(failed, 'save'), source: 'form' },
        }),
      );
      throw new TestFailedError(failed);
    }
  }

  const displayName = input.display_name ?? saved.row?.display_name ?? provider.name;
  const isActive = input.is_active ?? saved.row?.is_active ?? true;
  const changed = [
    ...changedCredentials,
    ...(saved.row && displayName !== saved.row.display_name ? ['display_name'] : []),
    ...(saved.row && isActive !== saved.row.is_active ? ['is_active'] : []),
  ].sort();

  if (saved.row && !credentialsChanged && changed.length === 0) {
    // Nothing to change: no write, no version bump, no audit row.
    return {
      detail: { ...statusOf(provider, saved.row), values: publicValues(provider, values), secretHints: secretHints(provider, values), unreadable: false },
      created: false,
      result: null,
    };
  }

  const row = await actor.db(async (tx) => {
    let written: StoredRow | undefined;
    if (!saved.row) {
      const sealed = sealCredentials({ orgId: actor.orgId, integrationType: type }, values);
      written = await tx.one<StoredRow>(
        `insert into public.integration_credentials
           (organization_id, integration_type, credentials_encrypted, key_id, secret_hints, display_name, is_active,
            is_verified, last_verified_at, last_tested_at, last_test_ok, last_test_latency_ms, created_by, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8 then now() end, case when $8 then now() end,
                 case when $8 then true end, $9, $10, $10)
         on conflict (organization_id, integration_type) do nothing
         returning ${STORED_COLUMNS}`,
        [actor.orgId, type, sealed.envelope, sealed.kid, JSON.stringify(secretHints(provider, values)), displayName, isActive,
          result?.ok === true, result?.latencyMs ?? null, actor.userId],
      );
    } else if (credentialsChanged) {
      const sealed = sealCredentials({ orgId: actor.orgId, integrationType: type }, values);
      written = await tx.one<StoredRow>(
        `update public.integration_credentials
            set credentials_encrypted = $4, key_id = $5, secret_hints = $6, display_name = $7, is_active = $8,
                is_verified = $9, last_verified_at = case when $9 then now() else null end,
                last_tested_at = case when $9 then now() end, last_test_ok = case when $9 then true end,
                last_test_code = null, last_test_message = null, last_test_latency_ms = $10,
                updated_by = $11, version = version + 1
          where id = $1 and organization_id = $2 and version = $3
          returning ${STORED_COLUMNS}`,
        [saved.row.id, actor.orgId, saved.row.version, sealed.envelope, sealed.kid, JSON.stringify(secretHints(provider, values)),
          displayName, isActive, result?.ok === true, result?.latencyMs ?? null, actor.userId],
      );
    } else {
      written = await tx.one<StoredRow>(
        `update public.integration_credentials
            set display_name = $4, is_active = $5, updated_by = $6, version = version + 1
          where id = $1 and organization_id = $2 and version = $3
          returning ${STORED_COLUMNS}`,
        [saved.row.id, actor.orgId, saved.row.version, displayName, isActive, actor.userId],
      );
    }
    if (!written) throw conflict();
    await writeAudit(tx, actor.audit, {
      action: saved.row ? 'integration.updated' : 'integration.created',
      ...aboutIntegration(actor, type),
      changedFields: saved.row ? changed : Object.keys(values).sort().concat('display_name'),
      metadata: {
        verified: credentialsChanged ? result?.ok === true : written.is_verified,
        saved_unverified: credentialsChanged && (input.save_unverified || awaitingConsent),
        ...(result ? { latency_ms: result.latencyMs ?? null } : {}),
      },
    });
    return written;
  });

  return {
    detail: { ...statusOf(provider, row), values: publicValues(provider, values), secretHints: secretHints(provider, values), unreadable: false },
    created: !saved.row,
    result,
  };
}

export async function deleteIntegration(actor: Actor, type: string, raw: unknown): Promise<void> {
  requireAdmin(actor);
  providerOrThrow(type);
  const input = deleteIntegrationSchema.parse(raw ?? {});
  await actor.db(async (tx) => {
    const row = await tx.one<{ version: number; display_name: string }>(
      `delete from public.integration_credentials
        where organization_id = $1 and integration_type = $2 and ($3::int is null or version = $3)
        returning version, display_name`,
      [actor.orgId, type, input.expected_version ?? null],
    );
    if (!row) {
      const exists = await loadRow(tx, actor.orgId, type);
      throw exists ? conflict() : notFound('The integration');
    }
    await writeAudit(tx, actor.audit, {
      action: 'integration.deleted',
      ...aboutIntegration(actor, type),
      metadata: { display_name: row.display_name.slice(0, 100) },
    });
  });
}

// Per-user grants ----------------------------------------------------------------------------------

export interface MemberPermission {
  userId: string;
  name: string;
  email: string;
  role: string;
  canUse: boolean;
  canViewStatus: boolean;
}

export async function listPermissions(actor: Actor, type: string): Promise<MemberPermission[]> {
  requireAdmin(actor);
  providerOrThrow(type);
  const rows = await actor.db((tx) =>
    tx.query<{ user_id: string; name: string; email: string; role: string; can_use: boolean | null; can_view_status: boolean | null }>(
      `select m.user_id, u.name, u.email, m.role, p.can_use, p.can_view_status
         from public.memberships m
         join public.users u on u.id = m.user_id
         left join public.user_integration_permissions p
           on p.organization_id = m.org_id and p.user_id = m.user_id and p.integration_type = $2
        where m.org_id = $1
        order by (m.role = 'agent') desc, u.name`,
      [actor.orgId, type],
    ),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role,
    canUse: r.can_use ?? false,
    canViewStatus: r.can_view_status ?? false,
  }));
}

export async function setPermission(actor: Actor, type: string, raw: unknown): Promise<MemberPermission> {
  requireAdmin(actor);
  providerOrThrow(type);
  const input = permissionSchema.parse(raw);
  return actor.db(async (tx) => {
    const member = await tx.one<{ name: string; email: string; role: string }>(
      `select u.name, u.email, m.role from public.memberships m join public.users u on u.id = m.user_id
        where m.org_id = $1 and m.user_id = $2`,
      [actor.orgId, input.user_id],
    );
    if (!member) throw notFound('The team member');
    const before = await tx.one<{ can_use: boolean; can_view_status: boolean }>(
      `select can_use, can_view_status from public.user_integration_permissions
        where organization_id = $1 and integration_type = $2 and user_id = $3 for update`,
      [actor.orgId, type, input.user_id],
    );
    if (!input.can_use && !input.can_view_status) {
      await tx.query(
        `delete from public.user_integration_permissions where organization_id = $1 and integration_type = $2 and user_id = $3`,
        [actor.orgId, type, input.user_id],
      );
    } else {
      await tx.query(
        `insert into public.user_integration_permissions (organization_id, user_id, integration_type, can_use, can_view_status, granted_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (organization_id, integration_type, user_id)
         do update set can_use = excluded.can_use, can_view_status = excluded.can_view_status, granted_by = excluded.granted_by`,
        [actor.orgId, input.user_id, type, input.can_use, input.can_view_status, actor.userId],
      );
    }
    const changed = [
      ...((before?.can_use ?? false) !== input.can_use ? ['can_use'] : []),
      ...((before?.can_view_status ?? false) !== input.can_view_status ? ['can_view_status'] : []),
    ];
    if (changed.length > 0) {
      await writeAudit(tx, actor.audit, {
        action: 'integration.permission_changed',
        orgId: actor.orgId,
        integrationType: type,
        targetType: 'user',
        targetId: input.user_id,
        changedFields: changed,
        metadata: { member: member.email, can_use: input.can_use, can_view_status: input.can_view_status },
      });
    }
    return { userId: input.user_id, name: member.name, email: member.email, role: member.role, canUse: input.can_use, canViewStatus: input.can_view_status };
  });
}

/** Every member with their grants on the given integration types, for the admins' access panels. */
export async function listAccess(actor: Actor, types: string[]): Promise<Record<string, MemberPermission[]>> {
  requireAdmin(actor);
  const rows = await actor.db((tx) =>
    tx.query<{ user_id: string; name: string; email: string; role: string; grants: { type: string; can_use: boolean; can_view_status: boolean }[] }>(
      `select m.user_id, u.name, u.email, m.role,
              coalesce(json_agg(json_build_object('type', p.integration_type, 'can_use', p.can_use, 'can_view_status', p.can_view_status))
                         filter (where p.id is not null), '[]') as grants
         from public.memberships m
         join public.users u on u.id = m.user_id
         left join public.user_integration_permissions p
           on p.organization_id = m.org_id and p.user_id = m.user_id and p.integration_type = any($2)
        where m.org_id = $1
        group by m.user_id, u.name, u.email, m.role
        order by (m.role = 'agent') desc, u.name`,
      [actor.orgId, types],
    ),
  );
  return Object.fromEntries(
    types.map((type) => [
      type,
      rows.map((r) => {
        const grant = r.grants.find((g) => g.type === type);
        return { userId: r.user_id, name: r.name, email: r.email, role: r.role, canUse: grant?.can_use ?? false, canViewStatus: grant?.can_view_status ?? false };
      }),
    ]),
  );
}

// OAuth (Google Calendar) ---------------------------------------------------------------------------

/** The saved client credentials an OAuth flow starts from. */
export async function oauthClient(actor: Actor, type: string): Promise<{ provider: AnyProvider; values: Record<string, string>; version: number }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  if (!provider.oauth) throw notFound('The integration');
  const saved = await loadSaved(actor, type);
  if (!saved.row || !saved.values) {
    throw new AppError(409, 'conflict', `Save the ${provider.name} client ID and secret first, then connect.`);
  }
  return { provider, values: saved.values, version: saved.row.version };
}

/**
 * Stores the tokens an OAuth callback obtained (sealed with the rest) once they pass the connection
 * test. A failing new grant never replaces a working one; it is kept only when there was none.
 */
export async function completeOAuth(actor: Actor, type: string, params: { code: string; redirectUri: string }): Promise<TestResult> {
  const { provider, values, version } = await oauthClient(actor, type);
  const { createProbeContext } = await import('./probe');
  const ctx = createProbeContext();
  let tokens: Record<string, string>;
  try {
    tokens = await provider.oauth!.exchange(values, params, ctx);
  } catch (error) {
    const { failureResult } = await import('./run');
    return failureResult(error, ctx.elapsedMs(), provider.id);
  } finally {
    ctx.dispose();
  }
  const parsed = provider.schema.safeParse({ ...values, ...toStored(tokens) });
  if (!parsed.success) throw validationError(fieldErrors(parsed.error));
  const next = toStored(parsed.data);
  const result = await runProviderTest(provider, parsed.data);
  const hadGrant = managedFields(provider).some((f) => values[f] !== undefined);
  const store = result.ok || !hadGrant;

  await actor.db(async (tx) => {
    // A failed new grant leaves the working one, and its status, as they were.
    if (store) {
      const sealed = sealCredentials({ orgId: actor.orgId, integrationType: type }, next);
      const row = await tx.one<{ id: string }>(
        `update public.integration_credentials
            set credentials_encrypted = $3, key_id = $4, secret_hints = $5, is_verified = $6,
                last_verified_at = case when $6 then now() else last_verified_at end,
                last_tested_at = now(), last_test_ok = $6, last_test_code = $7, last_test_message = $8, last_test_latency_ms = $9,
                updated_by = $10, version = version + 1
          where organization_id = $1 and integration_type = $2 and version = $11
          returning id`,
        [actor.orgId, type, sealed.envelope, sealed.kid, JSON.stringify(secretHints(provider, next)), result.ok,
          result.ok ? null : result.code, result.ok ? null : result.message, result.latencyMs ?? null, actor.userId, version],
      );
      if (!row) throw conflict();
    }
    await writeAudit(tx, actor.audit, {
      action: 'integration.connected',
      ...aboutIntegration(actor, type),
      outcome: result.ok ? 'success' : 'failure',
      changedFields: store ? Object.keys(tokens).sort() : [],
      metadata: testMetadata(result, 'save'),
    });
  });
  return result;
}

/** The credentials a phone-number sync uses: the saved ones (admins only), else the environment's. */
export async function credentialsForSync(actor: Actor, type: string): Promise<{ provider: AnyProvider; data: Record<string, unknown>; integrationId: string | null }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  if (!provider.sync) throw notFound('Phone numbers for this integration');
  const saved = await loadSaved(actor, type);
  if (saved.row) {
    if (!saved.values) throw new AppError(409, 'conflict', `The saved ${provider.name} credentials cannot be read. Enter them again, then sync.`);
    if (!saved.row.is_active) throw new AppError(409, 'conflict', `${provider.name} is disabled. Turn it on, then sync.`);
    return { provider, data: provider.schema.parse(saved.values) as Record<string, unknown>, integrationId: saved.row.id };
  }
  const fromEnv = environmentCredentials(provider);
  if (!fromEnv) throw new AppError(409, 'conflict', `Configure ${provider.name} first, then sync its numbers.`);
  return { provider, data: provider.schema.parse(fromEnv) as Record<string, unknown>, integrationId: null };
}
