import 'server-only';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '@/lib/env';
import { pool } from '@/lib/db/pool';

// Providers' sending limits, held across every portal and runner process by counters in Postgres
// (rate-limiter-flexible's Postgres store, in app_private.provider_rate_limits). A send over its
// provider's limit waits for the next window instead of being refused by the provider.
// OUTBOUND_LIMITS=off lifts them (benchmarks of the gateway itself).

interface Limit {
  points: number;
  seconds: number;
  /** Which credential field names the sending identity the provider counts by (its phone number id, its account). */
  by: string;
}

const LIMITS: Record<string, Limit> = {
  // Cloud API throughput: 80 messages per second per business phone number.
  meta_whatsapp: { points: 80, seconds: 1, by: 'phone_number_id' },
  // Exotel: about 200 API requests per minute per account.
  exotel_phone: { points: 200, seconds: 60, by: 'account_sid' },
  exotel_whatsapp: { points: 200, seconds: 60, by: 'account_sid' },
  // Resend: 10 requests per second per team.
  resend: { points: 10, seconds: 1, by: 'api_key' },
  // Twilio queues per sender itself; this only keeps a burst from tripping its API concurrency limit.
  twilio: { points: 100, seconds: 1, by: 'account_sid' },
  sendgrid: { points: 100, seconds: 1, by: 'api_key' },
  smtp: { points: 10, seconds: 1, by: 'host' },
};

const limiters = new Map<string, RateLimiterPostgres>();

/**
 * Where rate-limiter-flexible keeps its counters: app_private.provider_rate_limits, through the
 * portal's pool. Named (prepared) statements are stripped where a transaction pooler cannot keep them.
 */
export function postgresLimiterStore() {
  const prepared = env().DATABASE_PREPARED_STATEMENTS;
  const storeClient = { query: (q: { name?: string; text: string; values?: unknown[] }) => pool().query(prepared ? q : { text: q.text, values: q.values }) };
  return { storeClient, storeType: 'pool', schemaName: 'app_private', tableName: 'provider_rate_limits', tableCreated: true } as const;
}

/**
 * The store counts fixed windows, and two windows can meet inside any stretch of a provider's window:
 * counting `points` per window would let up to twice the limit through in one second. So the window
 * is cut into up to ten parts, each allowing what keeps any stretch of the full window (which overlaps
 * at most parts + 1 of them) within the limit: Meta's 80 a second becomes 7 per 100 ms.
 */
export function subWindow(limit: Pick<Limit, 'points' | 'seconds'>): { points: number; seconds: number } {
  const parts = Math.max(1, Math.min(10, limit.points - 1));
  return { points: Math.max(1, Math.floor(limit.points / (parts + 1))), seconds: limit.seconds / parts };
}

function limiterFor(type: string, limit: Limit): RateLimiterPostgres {
  let limiter = limiters.get(type);
  if (!limiter) {
    const window = subWindow(limit);
    limiter = new RateLimiterPostgres({
      ...postgresLimiterStore(),
      keyPrefix: `send:${type}`,
      points: window.points,
      duration: window.seconds,
    });
    limiters.set(type, limiter);
  }
  return limiter;
}

/**
 * Takes one send from the provider's window for this sending identity: 0 when it may go now, else
 * the milliseconds until the window has room.
 */
export async function waitForSlot(type: string, credentials: Record<string, unknown>): Promise<number> {
  const limit = LIMITS[type];
  if (!limit || process.env.OUTBOUND_LIMITS === 'off') return 0;
  const identity = createHash('sha256').update(String(credentials[limit.by] ?? '')).digest('hex').slice(0, 32);
  try {
    await limiterFor(type, limit).consume(identity);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
    throw error;
  }
}

/** Drops this process's limiter objects (the counts stay in Postgres), as a new process starts. */
export const forgetLimiters = () => limiters.clear();
