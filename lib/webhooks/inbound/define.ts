import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProbeContext } from '@/lib/integrations/define.server';
import { scrub } from '@/lib/gateway/scrub';

// What a provider declares to receive its callbacks: how a delivery is verified (on the raw body,
// before anything is parsed) and what it says, as events the portal understands. The receiving route
// (lib/webhooks/inbound/receive.ts) owns everything around it: finding the organization from the
// URL's id, size limits, dropping replays, the log, queueing; the job applies the events.

/** One delivery as it reached the portal. */
export interface InboundRequest {
  method: 'GET' | 'POST';
  /** The URL the provider called, as the organization configured it (public origin, path, query). */
  url: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  rawBody: Buffer;
}

/** Where a message stands; the order is the only order a status may move in (failed may follow sent). */
export const messageStatuses = ['sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** How an event names the request it is about: our id (echoed by the provider) or the provider's. */
export interface RequestRef {
  requestId?: string;
  providerMessageId?: string;
}

/** What a verified delivery says, in the portal's words. Never a message body or anything secret. */
export type InboundEvent =
  | (RequestRef & { kind: 'message'; status: MessageStatus; at: string; errorCode?: string; reason?: string })
  | (RequestRef & { kind: 'call'; status: 'completed' | 'failed'; at: string; durationSeconds?: number; reason?: string })
  /** A payment's state at the provider (Stripe intent, PayPal order or capture). */
  | { kind: 'payment'; objectId: string; status: string; at: string; ref?: string; reason?: string }
  /** A signing submission's state (DocuSeal); `event` is the name the portal reports it under. */
  | { kind: 'signing'; objectId: string; status: string; event: string; at: string; ref?: string }
  | { kind: 'meeting'; objectId: string; status: string; at: string }
  /** Something about the account itself (Meta: quality rating, a template approved or paused). */
  | { kind: 'account'; topic: string; summary: string; at: string };

export interface ParsedDelivery {
  /** The provider's id of this delivery (or of its content when it has none), for dropping replays. */
  eventId: string;
  /** The provider's name for what happened, for the webhook log (`payment_intent.succeeded`, `statuses`). */
  eventType: string;
  events: InboundEvent[];
  /** Answer this instead of the usual 200 (Zoom's endpoint.url_validation). Not logged as an event. */
  reply?: { status: number; contentType: string; body: string };
}

/** Why a delivery was refused; the webhook log shows these words. */
export type RejectReason =
  | 'missing_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'not_configured'
  | 'unreadable';

export type VerifyOutcome = { ok: true; delivery: ParsedDelivery } | { ok: false; reason: RejectReason; detail?: string };

/** What a verifier may use besides the request: the clock, and HTTP for providers that verify online. */
export interface WebhookContext extends Pick<ProbeContext, 'request' | 'baseUrl'> {
  now(): Date;
}

export interface WebhookSpec<C> {
  /** Credential fields the checks need (write-only like every secret); empty when none exists (Exotel). */
  secretFields: readonly string[];
  /** Where the organization pastes its URL at the provider, shown beside the URL. */
  setup: string;
  /** A subscription check sent with GET (Meta's hub.challenge): the answer, or null when it is not one. */
  challenge?(req: InboundRequest, credentials: C): { status: number; body: string } | null;
  /** Checks the signature (constant time, on the raw body, with the provider's tolerance) and parses. */
  verify(req: InboundRequest, credentials: C, ctx: WebhookContext): Promise<VerifyOutcome> | VerifyOutcome;
  /**
   * For providers whose callbacks are unsigned (Exotel): asks the provider's API whether the event is
   * true before it changes anything; null drops it.
   */
  confirm?(event: InboundEvent, credentials: C, ctx: WebhookContext): Promise<InboundEvent | null>;
  /** Takes a callback URL on each send (Twilio, Exotel), so the gateway passes the organization's URL. */
  perRequestCallback?: boolean;
  /** Verified by calling the provider (PayPal): the receiving route holds no database connection meanwhile. */
  online?: boolean;
}

/** A stable id for a delivery whose provider gives it none: the same callback twice is one event. */
export function contentId(...parts: (string | number | undefined | null)[]): string {
  return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex').slice(0, 40);
}

/** Compares two signatures in constant time (digests first, so differing lengths leak nothing). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const digest = (v: string | Buffer) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(a), digest(b)) && Buffer.from(a).length === Buffer.from(b).length;
}

/** Whether a provider's unix timestamp (seconds) is within `toleranceSeconds` of now. */
export function fresh(timestamp: string | undefined, now: Date, toleranceSeconds: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= toleranceSeconds;
}

/** ISO time from unix seconds (or milliseconds when `ms`), or now when it is missing or absurd. */
export function isoFrom(value: unknown, now: Date, ms = false): string {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' ? value : NaN;
  const date = Number.isFinite(n) ? new Date(ms ? n : n * 1000) : now;
  return Number.isNaN(date.getTime()) || date.getFullYear() < 2000 || date.getFullYear() > 2200 ? now.toISOString() : date.toISOString();
}

/** Control characters (NUL included, which Postgres refuses in text) removed from a provider's value. */
export const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');

/**
 * An event as the portal stores it: every text printable, and a provider's failure reason with the
 * numbers and addresses it may quote cut out (a bounce often names the address that bounced).
 */
export function cleanEvent(event: InboundEvent): InboundEvent {
  const cleaned = Object.fromEntries(Object.entries(event).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v])) as InboundEvent;
  return 'reason' in cleaned && cleaned.reason !== undefined ? { ...cleaned, reason: scrub(cleaned.reason) } : cleaned;
}
