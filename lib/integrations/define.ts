// What a provider module declares. Shared by the server (tests, saves, the API) and the browser
// (forms validate with the same schemas), so this file and every provider module import nothing
// but zod: network access reaches a provider only through the ProbeContext the server hands in.
import { z } from 'zod';

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

/** Thrown inside a test (by a provider or by the probe context) to end it with a typed failure. */
export class ProbeFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly hint: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ProbeFailure';
  }
}

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

export interface ProbeResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface ProbeRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The URL came from tenant input: refuse loopback, private and link-local targets. */
  userHost?: boolean;
}

export interface SmtpCheck {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  pass: string;
}

/** The server-side powers a provider's test is given. Every call shares the test's one time limit. */
export interface ProbeContext {
  /**
   * One HTTP request. Network failures and the time limit end the test on their own (`unreachable`,
   * `timeout`); any status comes back for the provider to interpret.
   */
  request(url: string, init?: ProbeRequest): Promise<ProbeResponse>;
  /** A provider's base URL: the named env variable when set (tests, the simulator), else the real one. */
  baseUrl(envName: string, fallback: string): string;
  /** Connects, says EHLO, upgrades to TLS, authenticates and quits; throws ProbeFailure on failure. */
  smtp(check: SmtpCheck): Promise<{ secure: boolean }>;
  /** Milliseconds since the test started. */
  elapsedMs(): number;
}

/** A phone number as a provider lists it (used by the phone-numbers sync). */
export interface SyncedNumber {
  externalId: string;
  /** E.164. */
  phoneNumber: string;
  displayName: string | null;
  numberType: string | null;
  canCall: boolean;
  canSms: boolean;
  canWhatsapp?: boolean;
}

export interface OAuthSpec {
  /** Where the browser is sent to grant access, built from the saved client credentials. */
  authorizeUrl(credentials: Record<string, string>, params: { redirectUri: string; state: string }, ctx: Pick<ProbeContext, 'baseUrl'>): string;
  /** Trades the callback's code for tokens; returns the fields to store (encrypted). */
  exchange(credentials: Record<string, string>, params: { code: string; redirectUri: string }, ctx: ProbeContext): Promise<Record<string, string>>;
}

type Shape = z.ZodRawShape;

export interface ProviderDefinition<S extends Shape = Shape> {
  /** The integration type stored in the database and used in URLs, e.g. `exotel_phone`. */
  id: string;
  name: string;
  group: ProviderGroup;
  description: string;
  docsUrl: string;
  /** The credentials as they are saved. Secret fields are marked in `fields`. */
  schema: z.ZodObject<S>;
  fields: { [K in keyof S & string]: FieldSpec };
  test(credentials: z.infer<z.ZodObject<S>>, ctx: ProbeContext): Promise<TestResult>;
  sync?(credentials: z.infer<z.ZodObject<S>>, ctx: ProbeContext): Promise<SyncedNumber[]>;
  oauth?: OAuthSpec;
  /** Choosing a value of `field` in the form fills these other fields (e.g. an SMTP provider's host and port). */
  presets?: { field: keyof S & string; fill: Record<string, Partial<Record<keyof S & string, string>>> };
}

export type AnyProvider = ProviderDefinition;

/** Declares a provider; the identity function keeps each module's field names checked against its schema. */
export function defineProvider<S extends Shape>(definition: ProviderDefinition<S>): ProviderDefinition {
  return definition as unknown as ProviderDefinition;
}

/** The end of a successful test. */
export function passed(ctx: ProbeContext, details: TestDetails = {}): TestResult {
  return { ok: true, latencyMs: Math.round(ctx.elapsedMs()), details };
}

/** Reads `Retry-After` (seconds or an HTTP date) into whole seconds. */
export function retryAfterSeconds(response: ProbeResponse): number | undefined {
  const value = response.headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The failure every provider gives for HTTP 429. */
export function rateLimited(response: ProbeResponse, provider: string): ProbeFailure {
  const after = retryAfterSeconds(response);
  return new ProbeFailure(
    'rate_limited',
    `${provider} is rate limiting this account.`,
    after ? `Wait ${after} s and test again.` : 'Wait a minute and test again.',
    after,
  );
}

/** A reply the provider never gives for this request: say so without quoting the body. */
export function unexpected(response: ProbeResponse, provider: string): ProbeFailure {
  return new ProbeFailure(
    'invalid_response',
    `${provider} answered in an unexpected way (HTTP ${response.status}).`,
    'Check the base URL and region, then try again; if it persists the provider may be having an outage.',
  );
}

/** Basic authorization header value. */
export function basicAuth(user: string, pass: string): string {
  // btoa works in browsers and Node alike; credentials here are ASCII.
  return `Basic ${btoa(`${user}:${pass}`)}`;
}

// Field building blocks shared by providers -------------------------------------------------------

/** A required trimmed string with a readable message. */
export const requiredText = (label: string, max = 200) =>
  z.string().trim().min(1, `Enter the ${label}.`).max(max, `The ${label} is too long.`);

/** A token or key: no whitespace inside. */
export const opaqueSecret = (label: string, max = 500) =>
  requiredText(label, max).regex(/^\S+$/, `The ${label} cannot contain spaces.`);

/** An optional string: empty input becomes undefined. */
export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

/** A phone number as people type it: digits with an optional leading +, spaces and dashes allowed. */
export const phoneText = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .transform((v) => v.replace(/[\s()-]/g, ''))
    .pipe(z.string().regex(/^\+?\d{6,15}$/, `Enter the ${label} as digits, e.g. +919876543210.`));
