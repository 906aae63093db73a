// What the simulated providers do with a send (a message, a call, an email): the recipient value
// conventions, and the log of every send received, so tests can count provider calls. Bodies are
// not kept: each record holds a SHA-256 of the request body (or of the one email in a batch).
//
// RECIPIENT CONVENTIONS (the phone number or email address; with several recipients, any of them;
// the first of these that a recipient contains wins). A send is validated first, so a malformed
// request gets the provider's validation error whatever its recipient.
//   401   the provider's dead-credential answer, as if the key had been revoked
//   429   rate limited (the provider's 429 shape) the first two times for that recipient and body,
//         then accepted; Retry-After: 1 only where the provider sends one
//   500   a 5xx the first two times for that recipient and body, then accepted
//   slow  accepted and recorded at once, but answered only after slowMs (default 15 s, longer than
//         a client's timeout), so a retrying client produces a duplicate the log shows
//   dup   accepted normally (a name for tests that check the portal does not send twice)
// The "first two times" counters are per provider, recipients and body hash; reset clears them.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { json, sleep, type Route } from '../http';

export type SendKind = 'message' | 'call' | 'email';
export type SendOutcome = 'accepted' | 'replayed' | 'rate_limited' | 'server_error' | 'unauthorized' | 'rejected';

export interface SentRecord {
  provider: string;
  kind: SendKind;
  /** The recipient; several are joined with commas (an email to many, a multi-message request). */
  to: string;
  /** The id the provider answered with (wamid, SM…/CA…, Exotel Sid, Resend id, X-Message-Id, SMTP queue id). */
  providerId: string | null;
  idempotencyKey?: string;
  /** SHA-256 (hex) of the request body; null for an SMTP recipient refused before any body. */
  bodySha256: string | null;
  /** ISO time the request arrived. */
  at: string;
  outcome: SendOutcome;
}

/** What a send's recipients ask for, after the body has been validated. */
export type RecipientBehaviour = 'unauthorized' | 'rate_limited' | 'server_error' | 'slow' | null;

const RECIPIENT_MARKERS = ['401', '429', '500', 'slow', 'dup'] as const;
export type RecipientMarker = (typeof RECIPIENT_MARKERS)[number];

/** The default wait for a `slow` recipient: past the portal's send timeout, short enough for a test. */
export const SEND_SLOW_MS = 15_000;
const LOG_LIMIT = 100_000;
const COUNTER_LIMIT = 100_000;

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export function recipientMarker(recipients: readonly string[]): RecipientMarker | null {
  const text = recipients.join(' ').toLowerCase();
  return RECIPIENT_MARKERS.find((m) => text.includes(m)) ?? null;
}

/** The outcome a reply's status stands for (for answers written by the credential gates). */
export function outcomeOf(status: number): SendOutcome {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'rejected';
}

/** Adds to a map that forgets its oldest entries past `limit`. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, limit = COUNTER_LIMIT): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}

export interface SentFilter {
  provider?: string | null;
  to?: string | null;
  kind?: string | null;
  outcome?: string | null;
}

export class SentLog {
  private records: SentRecord[] = [];
  private attempts = new Map<string, number>();
  /** How long a `slow` recipient's answer waits. */
  slowMs: number;
  /** The clock (ms since epoch) records and expiries read; tests may replace it. */
  now: () => number = () => Date.now();

  constructor(private readonly defaultSlowMs = SEND_SLOW_MS) {
    this.slowMs = defaultSlowMs;
  }

  record(entry: Omit<SentRecord, 'at'> & { at?: number }): void {
    const { at, ...rest } = entry;
    this.records.push({ ...rest, at: new Date(at ?? this.now()).toISOString() });
    if (this.records.length > LOG_LIMIT) this.records.shift();
  }

  /**
   * The recorder for one request, stamped with its arrival. Without an outcome it reads the reply's
   * status, and records nothing when no reply was sent (the client left during a credential wait).
   */
  recorder(res: ServerResponse, base: Pick<SentRecord, 'provider' | 'kind' | 'to' | 'bodySha256'> & { idempotencyKey?: string }) {
    const at = this.now();
    return (outcome?: SendOutcome, providerId: string | null = null): void => {
      if (!outcome && !res.headersSent) return;
      this.record({ ...base, providerId, outcome: outcome ?? outcomeOf(res.statusCode), at });
    };
  }

  list(filter: SentFilter = {}): SentRecord[] {
    const to = filter.to?.toLowerCase();
    return this.records.filter(
      (r) =>
        (!filter.provider || r.provider === filter.provider) &&
        (!filter.kind || r.kind === filter.kind) &&
        (!filter.outcome || r.outcome === filter.outcome) &&
        (!to || r.to.toLowerCase().split(',').includes(to)),
    );
  }

  clear(): number {
    const n = this.records.length;
    this.records = [];
    return n;
  }

  /** Forgets the log and the counters, and restores the slow wait the simulator started with. */
  reset(): void {
    this.clear();
    this.attempts.clear();
    this.slowMs = this.defaultSlowMs;
  }

  /** Reads the recipient conventions, counting 429 and 500 attempts per provider, recipients and body. */
  behaviour(provider: string, recipients: readonly string[], bodySha256: string): RecipientBehaviour {
    const marker = recipientMarker(recipients);
    if (marker === '401') return 'unauthorized';
    if (marker === 'slow') return 'slow';
    if (marker !== '429' && marker !== '500') return null;
    const key = `${provider}\n${recipients.join(',')}\n${bodySha256}`;
    const n = (this.attempts.get(key) ?? 0) + 1;
    remember(this.attempts, key, n);
    if (n > 2) return null;
    return marker === '429' ? 'rate_limited' : 'server_error';
  }

  /** Waits slowMs, or until the client goes away. False when it is gone (nothing left to answer). */
  async waitSlow(res: ServerResponse): Promise<boolean> {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    await sleep(this.slowMs, gone.signal);
    return !gone.signal.aborted && !res.destroyed;
  }
}

/** GET/DELETE /_control/sent and PUT /_control/send (see server.ts). */
export function sentControlRoutes(log: SentLog): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/_control\/sent$/,
      handle: ({ res, url }) =>
        json(
          res,
          200,
          log.list({
            provider: url.searchParams.get('provider'),
            to: url.searchParams.get('to'),
            kind: url.searchParams.get('kind'),
            outcome: url.searchParams.get('outcome'),
          }),
        ),
    },
    { method: 'DELETE', pattern: /^\/_control\/sent$/, handle: ({ res }) => json(res, 200, { cleared: log.clear() }) },
    {
      method: 'PUT',
      pattern: /^\/_control\/send$/,
      async handle({ res, body }) {
        let input: { slowMs?: unknown };
        try {
          input = JSON.parse(await body()) as typeof input;
        } catch {
          return json(res, 400, { error: 'body must be JSON' });
        }
        if (typeof input.slowMs !== 'number' || !Number.isFinite(input.slowMs) || input.slowMs < 0) {
          return json(res, 400, { error: 'slowMs must be a non-negative number' });
        }
        log.slowMs = input.slowMs;
        json(res, 200, { slowMs: log.slowMs });
      },
    },
  ];
}
