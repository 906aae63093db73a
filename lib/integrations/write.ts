import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { releaseIfVerified } from '@/lib/gateway/holds';
import { sealCredentials } from '@/lib/crypto/keyring';
import { AppError, conflict, invalid, notFound, zodFieldErrors } from '@/lib/http/errors';
import type { DeleteIntegrationValues, SaveIntegrationValues, TestIntegrationValues } from '@/lib/validations/integrations';
import type { TestResult } from './define';
import type { ServerProvider } from './define.server';
import {
  blankSecrets,
  changedFieldNames,
  environmentCredentials,
  loadRow,
  managedFields,
  mergeCredentials,
  publicValues,
  secretHints,
  STORED_COLUMNS,
  toStored,
  userHostFields,
  type StoredRow,
} from './credentials';
import { runProviderTest } from './run';
import { loadSaved, providerOrThrow, requireAdmin, statusOf, type IntegrationDetail, type IntegrationStatus } from './status';

// Changing an integration: testing credentials, saving them (tested first) and deleting them.
// Input arrives parsed by the route or action; the provider's own schema is applied here, once the
// blank secrets are filled from the saved credentials.

export class TestFailedError extends AppError {
  constructor(readonly result: Extract<TestResult, { ok: false }>) {
    super(422, 'test_failed', `The connection test failed: ${result.message}`, undefined, { result });
  }
}

/** A save or delete that lost a race with another admin's change. */
export const integrationChanged = () =>
  conflict('Someone else changed this integration since you opened it. Reload to see their changes, then try again.');

/**
 * Validates what a form or API call sent, with blank secrets filled from the saved credentials —
 * but a saved secret is never sent to a host other than the one it was saved for, and OAuth tokens
 * obtained for one client do not survive a change of the client's settings.
 */
export function prepareCredentials(provider: ServerProvider, input: Record<string, unknown>, saved: Record<string, string> | null) {
  const parse = (merged: Record<string, unknown>) => {
    const parsed = provider.schema.safeParse(merged);
    if (!parsed.success) throw invalid(zodFieldErrors(parsed.error));
    return parsed.data as Record<string, unknown>;
  };
  let data = parse(mergeCredentials(provider, input, saved));
  let values = toStored(data);
  if (saved) {
    const hostMoved = userHostFields(provider).some((f) => values[f] !== saved[f]);
    const reused = blankSecrets(provider, input).filter((f) => saved[f] !== undefined);
    if (hostMoved && reused.length > 0) {
      throw invalid(Object.fromEntries(reused.map((f) => [f, ['Enter it again: saved secrets are only sent to the host they were saved for.']])));
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
export const aboutIntegration = (actor: Actor, type: string) => ({ orgId: actor.orgId, integrationType: type, targetType: 'integration' as const, targetId: type });

export function testMetadata(result: TestResult, during: 'test' | 'save') {
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
export async function testIntegration(actor: Actor, type: string, input: TestIntegrationValues): Promise<{ result: TestResult; status: IntegrationStatus | null }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  const saved = await loadSaved(actor, type);

  // With no saved row, an empty request tests the server environment's credentials exactly as they
  // are; values in the request are never completed from the environment (that would send the
  // platform's secrets wherever the request points), and the platform account's details stay private.
  let data: Record<string, unknown>;
  let source: 'saved' | 'form' | 'environment';
  if (!saved.row && !hasValues(input.credentials)) {
    const fromEnv = environmentCredentials(provider);
    if (!fromEnv) throw invalid(Object.fromEntries(Object.keys(provider.fields).slice(0, 1).map((f) => [f, ['Enter the credentials to test.']])));
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
  if (result.ok && (status || source === 'environment')) await releaseIfVerified(actor, type, { environmentPassed: source === 'environment' });
  return { result, status };
}

/**
 * Saves credentials. Changed credentials are tested first and a failure saves nothing (the previous
 * credentials stay as they were), unless the admin explicitly saves them unverified. A save that
 * changes only the display name or the active switch keeps the verification it had.
 */
export async function saveIntegration(actor: Actor, type: string, input: SaveIntegrationValues): Promise<{ detail: IntegrationDetail; created: boolean; result: TestResult | null }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  const saved = await loadSaved(actor, type);
  if (input.expected_version !== undefined && saved.row?.version !== input.expected_version) throw integrationChanged();

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
    if (!written) throw integrationChanged();
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
  if (row.is_verified && row.is_active) await releaseIfVerified(actor, type);

  return {
    detail: { ...statusOf(provider, row), values: publicValues(provider, values), secretHints: secretHints(provider, values), unreadable: false },
    created: !saved.row,
    result,
  };
}

export async function deleteIntegration(actor: Actor, type: string, input: DeleteIntegrationValues): Promise<void> {
  requireAdmin(actor);
  providerOrThrow(type);
  await actor.db(async (tx) => {
    const row = await tx.one<{ version: number; display_name: string }>(
      `delete from public.integration_credentials
        where organization_id = $1 and integration_type = $2 and ($3::int is null or version = $3)
        returning version, display_name`,
      [actor.orgId, type, input.expected_version ?? null],
    );
    if (!row) {
      const exists = await loadRow(tx, actor.orgId, type);
      throw exists ? integrationChanged() : notFound('The integration');
    }
    await writeAudit(tx, actor.audit, {
      action: 'integration.deleted',
      ...aboutIntegration(actor, type),
      metadata: { display_name: row.display_name.slice(0, 100) },
    });
  });
}
