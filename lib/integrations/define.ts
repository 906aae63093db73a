// What a provider declares to every audience: its identity, credentials schema and form fields. The
// integration form (a client component) imports this and the provider modules, so this file, the
// client registry and every `providers/<id>.ts` import nothing but zod/mini and each other. What
// talks to a provider (tests, number syncs, OAuth exchanges) is in the `.server.ts` halves.
import * as z from 'zod/mini';

export const providerGroups = [
  { id: 'phone', label: 'Phone & SMS' },
  { id: 'whatsapp', label: 'WhatsApp' },
  { id: 'email', label: 'Email' },
  { id: 'payments', label: 'Payments' },
  { id: 'meetings', label: 'Meetings & calendar' },
  { id: 'signing', label: 'Signing & eKYC' },
] as const;
export type ProviderGroup = (typeof providerGroups)[number]['id'];

export const failureCodes = [
  'bad_credentials',
  'not_found',
  'missing_scope',
  'token_expired',
  'unreachable',
  'timeout',
  'rate_limited',
  'invalid_response',
] as const;
export type FailureCode = (typeof failureCodes)[number];

/** Facts a successful test learned (account name, scopes, number): never a secret. */
export type TestDetails = Record<string, string | number | boolean | null>;

export type TestResult =
  | { ok: true; latencyMs: number; details: TestDetails }
  | { ok: false; code: FailureCode; message: string; hint: string; latencyMs?: number; retryAfterSeconds?: number };

export interface FieldSpec {
  label: string;
  /** Write-only: encrypted at rest, never sent back; the form shows its masked hint instead. */
  secret?: boolean;
  kind?: 'text' | 'email' | 'url' | 'number' | 'select';
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  help?: string;
  /** An address the portal will connect to, entered by a tenant: refused if it is private. */
  userHost?: boolean;
  /** Filled in by an OAuth flow, not typed into the form. */
  managed?: boolean;
  /** The server environment variable this field falls back to when the organization has no row. */
  env?: string;
}

export type Shape = z.core.$ZodShape;

export interface ProviderDefinition<S extends Shape = Shape> {
  /** The integration type stored in the database and used in URLs, e.g. `exotel_phone`. */
  id: string;
  name: string;
  group: ProviderGroup;
  description: string;
  docsUrl: string;
  /** The credentials as they are saved. Secret fields are marked in `fields`. */
  schema: z.ZodMiniObject<S>;
  fields: { [K in keyof S & string]: FieldSpec };
  /** Connected through an OAuth consent round trip (the page shows a Connect button; the server half runs it). */
  oauthConsent?: boolean;
  /** Choosing a value of `field` in the form fills these other fields (e.g. an SMTP provider's host and port). */
  presets?: { field: keyof S & string; fill: Record<string, Partial<Record<keyof S & string, string>>> };
}

export type AnyProvider = ProviderDefinition;

/**
 * Declares a provider's client-safe half. The identity function keeps each module's field names
 * checked against its schema, and keeps the schema's type for the server half.
 */
export function defineProvider<S extends Shape>(definition: ProviderDefinition<S>): ProviderDefinition<S> {
  return definition;
}

// Field building blocks shared by providers -------------------------------------------------------

/** A required trimmed string with a readable message. */
export const requiredText = (label: string, max = 200) =>
  z.string().check(z.trim(), z.minLength(1, `Enter the ${label}.`), z.maxLength(max, `The ${label} is too long.`));

/** A token or key: no whitespace inside. */
export const opaqueSecret = (label: string, max = 500) => requiredText(label, max).check(z.regex(/^\S+$/, `The ${label} cannot contain spaces.`));

/** Empty form input (or a missing value) read as undefined, for optional fields. */
export const blankAsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An optional string: empty input becomes undefined. */
export const optionalText = (max = 200) =>
  z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)),
    z.optional(z.string().check(z.trim(), z.maxLength(max))),
  );

/** A phone number as people type it: digits with an optional leading +, spaces and dashes allowed. */
export const phoneText = (label: string) =>
  z.pipe(
    z.pipe(
      z.string().check(z.trim(), z.minLength(1, `Enter the ${label}.`)),
      z.transform((v: string) => v.replace(/[\s()-]/g, '')),
    ),
    z.string().check(z.regex(/^\+?\d{6,15}$/, `Enter the ${label} as digits, e.g. +919876543210.`)),
  );
