import 'server-only';
import pg from 'pg';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';

// One pool per process. Kept on globalThis so that dev-mode module reloads do not open a new pool each time.
const globalForPool = globalThis as unknown as { switchboardPool?: pg.Pool };

export function pool(): pg.Pool {
  if (!globalForPool.switchboardPool) {
    const { DATABASE_URL, DATABASE_POOL_MAX, DATABASE_STATEMENT_TIMEOUT_MS } = env();
    globalForPool.switchboardPool = new pg.Pool({
      connectionString: DATABASE_URL,
      max: DATABASE_POOL_MAX,
      application_name: 'switchboard',
      // A stuck query or an abandoned transaction must not hold a pooled connection for good.
      statement_timeout: DATABASE_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: DATABASE_STATEMENT_TIMEOUT_MS * 2,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process.
    globalForPool.switchboardPool.on('error', (error) => logger.warn({ err: error.message }, 'idle database connection lost'));
  }
  return globalForPool.switchboardPool;
}

export async function closePool(): Promise<void> {
  const current = globalForPool.switchboardPool;
  globalForPool.switchboardPool = undefined;
  await current?.end();
}
