import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '@/lib/db/rls';
import { configuredOrigin } from '@/lib/http/origin';
import { environmentCredentials, openSealed } from '@/lib/integrations/credentials';
import type { ServerProvider } from '@/lib/integrations/define.server';

// Each organization's integration receives its provider's callbacks at its own unguessable URL. The
// id in it is 32 random bytes: for Exotel, whose callbacks carry no signature, it is the only secret.
// Rotating retires the id but keeps it working for ROTATION_GRACE_HOURS, so the provider's settings
// can be changed without losing a callback.

export const ROTATION_GRACE_HOURS = 72;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest();

/** Shape of a receiving id: anything else is refused before the database is asked. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

/** The portal's public origin, as providers reach it (NEXTAUTH_URL; the development default without it). */
export const publicOrigin = () => configuredOrigin() ?? 'http://localhost:3000';

export const receiverUrl = (type: string, token: string) => `${publicOrigin()}/api/webhooks/${type}/${token}`;

/** The integration's current receiving id, created on first use. Runs on the elevated path. */
export async function currentReceiver(tx: Tx, orgId: string, type: string, userId: string | null = null): Promise<string> {
  const existing = await tx.one<{ token: string }>(
    `select token from public.webhook_receivers where organization_id = $1 and integration_type = $2 and retired_at is null`,
    [orgId, type],
  );
  if (existing) return existing.token;
  const token = randomBytes(32).toString('base64url');
  // Two first uses at once: the unique index keeps one, and both read it back.
  await tx.query(
    `insert into public.webhook_receivers (organization_id, integration_type, token, token_hash, created_by)
     values ($1, $2, $3, $4, $5) on conflict (organization_id, integration_type) where retired_at is null do nothing`,
    [orgId, type, token, tokenHash(token), userId],
  );
  const row = await tx.one<{ token: string }>(
    `select token from public.webhook_receivers where organization_id = $1 and integration_type = $2 and retired_at is null`,
    [orgId, type],
  );
  return row!.token;
}

/** Retires the current id (accepted for the grace period) and issues a new one. */
export async function rotateReceiver(tx: Tx, orgId: string, type: string, userId: string): Promise<string> {
  await tx.query(
    `update public.webhook_receivers set retired_at = now(), expires_at = now() + make_interval(hours => $3)
      where organization_id = $1 and integration_type = $2 and retired_at is null`,
    [orgId, type, ROTATION_GRACE_HOURS],
  );
  return currentReceiver(tx, orgId, type, userId);
}

export interface Receiver {
  organization_id: string;
  integration_type: string;
}

/**
 * Who a receiving id belongs to (the current one, or a retired one still in its grace period) and
 * that integration's saved credentials, sealed, in one round trip.
 */
export function findReceiver(tx: Tx, type: string, token: string): Promise<(Receiver & { credentials_encrypted: string | null }) | undefined> {
  return tx.one(
    `select r.organization_id, r.integration_type, c.credentials_encrypted
       from public.webhook_receivers r
       left join public.integration_credentials c on c.organization_id = r.organization_id and c.integration_type = r.integration_type
      where r.token_hash = $1 and r.integration_type = $2 and (r.retired_at is null or r.expires_at > now())`,
    [tokenHash(token), type],
  );
}

/**
 * The credentials a delivery is verified with: the organization's saved ones (whether or not they are
 * turned on or last passed a test: a callback about a message already sent is still true), else the
 * server environment's. Null when neither can be read.
 */
export function openWebhookCredentials(orgId: string, provider: ServerProvider, sealed: string | null): Record<string, unknown> | null {
  const values = sealed ? openSealed(orgId, provider.id, { credentials_encrypted: sealed, secret_hints: {} }).values : environmentCredentials(provider);
  if (!values) return null;
  const parsed = provider.schema.safeParse(values);
  return parsed.success ? (parsed.data as Record<string, unknown>) : null;
}

/** The same, read for an organization (the job that confirms unsigned events). */
export async function webhookCredentials(tx: Tx, orgId: string, provider: ServerProvider): Promise<Record<string, unknown> | null> {
  const row = await tx.one<{ credentials_encrypted: string }>(
    `select credentials_encrypted from public.integration_credentials where organization_id = $1 and integration_type = $2`,
    [orgId, provider.id],
  );
  return openWebhookCredentials(orgId, provider, row?.credentials_encrypted ?? null);
}
