import 'server-only';
import type { CountryCode } from 'libphonenumber-js/max';
import type * as z from 'zod/mini';
import type { SendSpec } from '@/lib/gateway/define';
import type { OperationDeclarations } from '@/lib/operations/define';
import type { OperationContext, OperationResult } from '@/lib/operations/define.server';
import type { WebhookSpec } from '@/lib/webhooks/inbound/define';
import type { FailureCode, ProviderDefinition, Shape, TestDetails, TestResult } from './define';

// What a provider's server half declares: how to test its credentials, list its phone numbers and
// finish its OAuth consent, and which base URLs it talks to. Network access reaches a provider only
// through the ProbeContext the server hands in.

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

/**
 * A provider API the portal calls. The environment variable overrides it (tests, the simulator, a
 * proxy); the simulator serves it under `simulatorPath`. Without `url` it is a URL the tenant
 * enters: the form field falls back to the same variable (see the field's `env`).
 */
export interface BaseUrl {
  env: string;
  /** The real API, used when the variable is unset. */
  url?: string;
  simulatorPath: string;
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
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
  /** A declared base URL: its env variable when set (tests, the simulator), else `fallback` (default: the real one). */
  baseUrl(declared: BaseUrl & { url: string }, fallback?: string): string;
  /** Connects, says EHLO, upgrades to TLS, authenticates and quits; throws ProbeFailure on failure. */
  smtp(check: SmtpCheck): Promise<{ secure: boolean }>;
  /** Milliseconds since the test started. */
  elapsedMs(): number;
}

/** A phone number as a provider lists it (used by the phone-numbers sync). */
export interface SyncedNumber {
  externalId: string;
  /** E.164, or national in the provider's default country. */
  phoneNumber: string;
  displayName: string | null;
  numberType: string | null;
  canCall: boolean;
  canSms: boolean;
  canWhatsapp?: boolean;
}

/** How a provider's phone numbers are listed, and how the sync reads what it lists. */
export interface SyncSpec<C> {
  list(credentials: C, ctx: ProbeContext): Promise<SyncedNumber[]>;
  /** The country of numbers listed without a country code. */
  defaultCountry: CountryCode;
  /** Listed numbers are international even when written without their leading '+'. */
  international?: boolean;
  /** The type of every number it lists (unless toll-free), when the provider has only one kind. */
  numberType?: string;
  /**
   * The capabilities this provider is the authority on. A number listed by a phone provider and by
   * a WhatsApp one is one row: each sync sets its own capabilities and leaves the other's alone, so
   * neither undoes the other and a second run of either changes nothing.
   */
  sets: { call: boolean; sms: boolean; whatsapp: boolean };
}

export interface OAuthSpec {
  /** Where the browser is sent to grant access, built from the saved client credentials. */
  authorizeUrl(credentials: Record<string, string>, params: { redirectUri: string; state: string }, ctx: Pick<ProbeContext, 'baseUrl'>): string;
  /** Trades the callback's code for tokens; returns the fields to store (encrypted). */
  exchange(credentials: Record<string, string>, params: { code: string; redirectUri: string }, ctx: ProbeContext): Promise<Record<string, string>>;
}

export interface ServerPart<C> {
  test(credentials: C, ctx: ProbeContext): Promise<TestResult>;
  sync?: SyncSpec<C>;
  oauth?: OAuthSpec;
  /** Every base URL it calls or falls back to, so the environment and the simulator can be derived. */
  baseUrls?: readonly BaseUrl[];
  /** What it sends for the gateway (messages, email, calls), one attempt at a time. */
  send?: SendSpec<C>;
  /** How its callbacks are verified and read. */
  webhook?: WebhookSpec<C>;
  /** What it does on the organization's behalf besides sending (payments, meetings…): see lib/operations. */
  operations?: {
    declarations: OperationDeclarations;
    runs: Record<string, (credentials: C, input: never, ctx: OperationContext) => Promise<OperationResult<unknown>>>;
  };
}

/** A provider as the server uses it: its client-safe half with its server half. */
export type ServerProvider = ProviderDefinition & ServerPart<Record<string, unknown>>;

/** Declares a provider's server half, typed by the client half's schema. */
export function defineServerProvider<S extends Shape>(client: ProviderDefinition<S>, server: ServerPart<z.output<z.ZodMiniObject<S>>>): ServerProvider {
  if (Boolean(client.oauthConsent) !== Boolean(server.oauth)) throw new Error(`${client.id}: oauthConsent and the OAuth flow must come together`);
  return { ...client, ...server } as unknown as ServerProvider;
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
  // Credentials here are ASCII (the schemas say so), which is all btoa encodes.
  return `Basic ${btoa(`${user}:${pass}`)}`;
}
