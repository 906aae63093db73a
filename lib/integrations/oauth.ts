import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextRequest } from 'next/server';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { sealCredentials } from '@/lib/crypto/keyring';
import { conflict, invalid, notFound, zodFieldErrors } from '@/lib/http/errors';
import { portalOrigin } from '@/lib/http/route';
import type { TestResult } from './define';
import type { ServerProvider } from './define.server';
import { managedFields, secretHints, toStored } from './credentials';
import { createProbeContext } from './probe';
import { failureResult, runProviderTest } from './run';
import { loadSaved, providerOrThrow, requireAdmin } from './status';
import { aboutIntegration, integrationChanged, testMetadata } from './write';

// The OAuth `state` for a consent round trip: random, kept in an httpOnly cookie that names the
// organization and integration it was started for, and compared on the way back.

export const OAUTH_COOKIE = 'switchboard.oauth';

export function newState(): string {
  return randomBytes(24).toString('base64url');
}

export const cookieValue = (state: string, type: string, orgId: string) => `${state}.${type}.${orgId}`;

export function stateMatches(cookie: string | undefined, state: string | null, type: string, orgId: string): boolean {
  if (!cookie || !state) return false;
  const expected = Buffer.from(cookieValue(state, type, orgId));
  const actual = Buffer.from(cookie);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}


/** Where the provider sends the browser back: this portal's own callback for the integration. */
export function redirectUri(req: NextRequest, type: string): string {
  return `${portalOrigin(req)}/api/v1/settings/integrations/${type}/oauth/callback`;
}

/**
 * Why a connection did not complete. Only these codes travel in the URL back to the integrations
 * page, which shows its own wording for each (so no link can make the portal display other text).
 */
export const oauthErrors = {
  save_first: 'Save the client ID and secret first, then connect.',
  state_mismatch: 'The connection could not be completed: it did not come from a connection you started here. Try again.',
  denied: 'Access was not granted on the provider’s page.',
  no_code: 'The provider did not return an authorization code. Try again.',
  changed: 'The integration was changed while you were connecting. Try again.',
  bad_credentials: 'The provider refused the client ID or secret. Check them, save, and connect again.',
  missing_scope: 'The account did not grant the calendar permissions the portal needs. Connect again and allow them.',
  token_expired: 'The provider refused the authorization. Connect again.',
  unreachable: 'The provider could not be reached. Try again in a minute.',
  failed: 'The connection could not be completed. Try again.',
} as const;
export type OAuthErrorCode = keyof typeof oauthErrors;

// The consent's two ends: the saved client it starts from, and the tokens it brings back (Google Calendar).

/** The saved client credentials an OAuth flow starts from. */
export async function oauthClient(actor: Actor, type: string): Promise<{ provider: ServerProvider; values: Record<string, string>; version: number }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  if (!provider.oauth) throw notFound('The integration');
  const saved = await loadSaved(actor, type);
  if (!saved.row || !saved.values) {
    throw conflict(`Save the ${provider.name} client ID and secret first, then connect.`);
  }
  return { provider, values: saved.values, version: saved.row.version };
}

/**
 * Stores the tokens an OAuth callback obtained (sealed with the rest) once they pass the connection
 * test. A failing new grant never replaces a working one; it is kept only when there was none.
 */
export async function completeOAuth(actor: Actor, type: string, params: { code: string; redirectUri: string }): Promise<TestResult> {
  const { provider, values, version } = await oauthClient(actor, type);
  const ctx = createProbeContext();
  let tokens: Record<string, string>;
  try {
    tokens = await provider.oauth!.exchange(values, params, ctx);
  } catch (error) {
    return failureResult(error, ctx.elapsedMs(), provider.id);
  } finally {
    ctx.dispose();
  }
  const parsed = provider.schema.safeParse({ ...values, ...toStored(tokens) });
  if (!parsed.success) throw invalid(zodFieldErrors(parsed.error));
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
      if (!row) throw integrationChanged();
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
