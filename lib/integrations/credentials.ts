import 'server-only';
import { z } from 'zod';
import { maskSecret, openCredentials } from '@/lib/crypto/keyring';
import { DecryptionError } from '@/lib/crypto/envelope';
import type { Tx } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import type { AnyProvider } from './define';

// Pure-ish helpers over one provider's credentials: which fields are secret, merging a form's input
// with what is saved, masking, and the server-environment fallback.

export const secretFields = (provider: AnyProvider) => Object.keys(provider.fields).filter((f) => provider.fields[f]?.secret);
const keptFields = (provider: AnyProvider) =>
  Object.keys(provider.fields).filter((f) => provider.fields[f]?.secret || provider.fields[f]?.managed);

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/**
 * What to validate: the input's values, with blank secrets (and OAuth-managed fields, which forms
 * never send) taken from the saved credentials. Non-secret fields the input leaves out keep their
 * saved value; unknown keys are dropped by the provider's schema. The service then refuses saved
 * secrets travelling to a changed host (see prepareCredentials in service.ts).
 */
export function mergeCredentials(provider: AnyProvider, input: Record<string, unknown>, saved: Record<string, string> | null): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const kept = new Set(keptFields(provider));
  for (const field of Object.keys(provider.fields)) {
    const given = asText(input[field]);
    if (kept.has(field)) {
      merged[field] = given !== undefined && given.trim() !== '' && !provider.fields[field]?.managed ? given : saved?.[field];
    } else {
      merged[field] = field in input ? input[field] : saved?.[field];
    }
  }
  return merged;
}

/** Secret fields the input left blank (so they would come from the saved credentials). */
export function blankSecrets(provider: AnyProvider, input: Record<string, unknown>): string[] {
  return secretFields(provider).filter((f) => (asText(input[f]) ?? '').trim() === '');
}

export const managedFields = (provider: AnyProvider) => Object.keys(provider.fields).filter((f) => provider.fields[f]?.managed);
export const userHostFields = (provider: AnyProvider) => Object.keys(provider.fields).filter((f) => provider.fields[f]?.userHost);

/** Stored form: every value as a string, undefined ones dropped. */
export function toStored(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const text = asText(value);
    if (text !== undefined && text !== '') out[key] = text;
  }
  return out;
}

export function changedFieldNames(next: Record<string, string>, saved: Record<string, string> | null): string[] {
  const names = new Set([...Object.keys(next), ...Object.keys(saved ?? {})]);
  return [...names].filter((n) => next[n] !== saved?.[n]).sort();
}

export function secretHints(provider: AnyProvider, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(secretFields(provider).filter((f) => values[f]).map((f) => [f, maskSecret(values[f]!)]));
}

export function publicValues(provider: AnyProvider, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => provider.fields[k] && !provider.fields[k]!.secret && !provider.fields[k]!.managed));
}

/** Field errors from a provider schema, keyed by field name. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

/**
 * The provider's credentials from the server environment, when every required field resolves
 * (precedence: a saved row, active or not, always wins; the environment only serves organizations
 * without one).
 */
export function environmentCredentials(provider: AnyProvider): Record<string, string> | null {
  const raw: Record<string, string> = {};
  let any = false;
  for (const [field, spec] of Object.entries(provider.fields)) {
    const value = spec.env ? process.env[spec.env]?.trim() : undefined;
    if (value) {
      raw[field] = value;
      any = true;
    }
  }
  if (!any) return null;
  const parsed = provider.schema.safeParse(raw);
  return parsed.success ? toStored(parsed.data) : null;
}

/** A saved row's status columns: what any member allowed to see the integration may read. */
export interface StoredRow {
  id: string;
  key_id: string;
  display_name: string;
  is_active: boolean;
  is_verified: boolean;
  last_verified_at: Date | null;
  last_tested_at: Date | null;
  last_test_ok: boolean | null;
  last_test_code: string | null;
  last_test_message: string | null;
  last_test_latency_ms: number | null;
  version: number;
  updated_at: Date;
  created_at: Date;
}

export const STORED_COLUMNS = `id, key_id, display_name, is_active, is_verified, last_verified_at, last_tested_at,
  last_test_ok, last_test_code, last_test_message, last_test_latency_ms, version, updated_at, created_at`;

export async function loadRow(tx: Tx, orgId: string, type: string): Promise<StoredRow | undefined> {
  return tx.one<StoredRow>(
    `select ${STORED_COLUMNS} from public.integration_credentials where organization_id = $1 and integration_type = $2`,
    [orgId, type],
  );
}

/** The sealed credentials and hints: only an admin's transaction gets them (the columns are not granted). */
export interface Sealed {
  credentials_encrypted: string;
  secret_hints: Record<string, string>;
}

export async function loadSealed(tx: Tx, type: string): Promise<Sealed | undefined> {
  return tx.one<Sealed>(`select credentials_encrypted, secret_hints from app_private.integration_sealed($1)`, [type]);
}

/** Opens sealed credentials; ones that cannot be opened read as none (and say so in the log). */
export function openSealed(orgId: string, type: string, sealed: Sealed): { values: Record<string, string> | null; unreadable: boolean } {
  try {
    return { values: openCredentials({ orgId, integrationType: type }, sealed.credentials_encrypted), unreadable: false };
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    logger.error({ integration: type, org: orgId, reason: error.message }, 'stored credentials could not be opened');
    return { values: null, unreadable: true };
  }
}
