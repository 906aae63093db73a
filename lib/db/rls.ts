import 'server-only';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { PoolClient, QueryResultRow } from 'pg';
import { env } from '@/lib/env';
import { AppError, unavailable } from '@/lib/http/errors';
import { logger } from '@/lib/log';
import { pool } from './pool';

import type { OrgRole } from '@/lib/validations/common';

export type { OrgRole };

/** Who a request acts as. Postgres re-checks org membership and role from its own tables. */
export interface RlsClaims {
  userId: string;
  orgId: string | null;
  orgRole: OrgRole | null;
  isSuperadmin: boolean;
  /** Set when the request authenticated with an organization API token (it then acts as the token's creator). */
  tokenId?: string;
}

/** The only handle request code gets on the database: every statement runs inside the RLS transaction. */
export interface Tx {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  one<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<R | undefined>;
}

// Every statement is a named prepared statement, so each pooled connection plans a given SQL text
// once and then reuses the plan (with RLS, planning is a large part of a short query's time).
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

// The benchmark's view of where a page's time goes: with SWITCHBOARD_DB_TRACE_FILE set, each
// transaction appends one line (its statements and how long it held the connection). Off in production.
const traceFile = process.env.SWITCHBOARD_DB_TRACE_FILE;

function txOf(client: PoolClient, trace?: string[]): Tx {
  // Transaction-mode poolers (Supabase's port 6543, older PgBouncer) cannot keep prepared statements.
  const prepared = env().DATABASE_PREPARED_STATEMENTS;
  const run = (text: string, values?: unknown[]) => {
    trace?.push(text.replace(/\s+/g, ' ').slice(0, 90));
    return prepared ? client.query({ name: statementName(text), text, values }) : client.query(text, values);
  };
  return {
    async query(text, values) {
      return (await run(text, values)).rows;
    },
    async one(text, values) {
      return (await run(text, values)).rows[0];
    },
  };
}

const invalidValue = () => new AppError(422, 'validation_failed', 'A value in the request is not valid here. Check dates, numbers and ids, then try again.');

/**
 * Whether an error means the connection to Postgres is gone or refused (a restart, a failover, the
 * server shutting down) rather than anything about the statement: class 08 errors, the shutdown
 * codes, and the driver's own socket errors, which carry no SQLSTATE.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^08/.test(code) || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code))) return true;
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(message);
}

async function inTransaction<T>(dbRole: 'authenticated' | 'service_role' | 'audit_retention', claims: object, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool().connect();
  } catch (error) {
    if (isConnectionLost(error)) throw unavailable();
    throw error;
  }
  // A checked-out client whose connection dies emits 'error'; without a listener that would be an
  // uncaught exception that takes the whole process down. The failing query rejects as well.
  const onError = (error: Error) => logger.warn({ err: error.message }, 'database connection lost during a request');
  client.on('error', onError);
  let lost: Error | undefined;
  const trace = traceFile ? { started: performance.now(), statements: [] as string[] } : undefined;
  try {
    // One round trip, as PostgREST does: open the transaction, drop to the request's role and publish
    // its claims. Both settings are transaction-local, so they vanish at commit or rollback and never
    // leak to the next user of this pooled connection.
    await client.query(
      `begin; select set_config('role', ${client.escapeLiteral(dbRole)}, true), ` +
        `set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true)`,
    );
    const result = await fn(txOf(client, trace?.statements));
    await client.query('commit');
    if (trace && traceFile) appendFileSync(traceFile, `${JSON.stringify({ role: dbRole, ms: performance.now() - trace.started, statements: trace.statements })}\n`);
    return result;
  } catch (error) {
    if (isConnectionLost(error)) {
      // The transaction died with the connection: nothing it did was committed.
      lost = error instanceof Error ? error : new Error('connection lost');
      throw unavailable();
    }
    await client.query('rollback').catch(() => undefined);
    // A value Postgres cannot take (class 22: an impossible date, a NUL byte, a malformed id, a
    // number out of range) is the request's fault, not the server's: 422, never a 500. Schemas
    // should refuse such values first; this is the net under them.
    if (typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('22')) {
      logger.warn({ sqlstate: (error as { code: string }).code }, 'a request value was refused by the database');
      throw invalidValue();
    }
    throw error;
  } finally {
    client.off('error', onError);
    // A lost connection is destroyed rather than handed to the next request.
    client.release(lost);
  }
}

/** Runs fn in one transaction as Postgres role `authenticated`, with the caller's claims. */
export function withRls<T>(claims: RlsClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(
    'authenticated',
    {
      sub: claims.userId,
      role: 'authenticated',
      org_id: claims.orgId,
      org_role: claims.orgRole,
      is_superadmin: claims.isSuperadmin,
      ...(claims.tokenId ? { token_id: claims.tokenId } : {}),
    },
    fn,
  );
}

/**
 * The one elevated path: platform work that has no signed-in user to act as (checking a password,
 * counting failed sign-ins, recording a refusal, verifying or archiving the audit trail, recording endpoint health,
 * finding an API token by its hash, re-sealing credentials under a new key, finding the phone that
 * a member's calls ring first, delivering webhooks). Each caller names its purpose, which is logged
 * and visible in the claims. Archiving runs as its own role, the only one the audit trail lets delete.
 */
export type ElevatedPurpose =
  | 'auth.sign-in'
  | 'auth.throttle'
  | 'audit.access-denied'
  | 'audit.system'
  | 'audit.verify'
  | 'audit.retention'
  | 'whatsapp.health'
  | 'api-token.authenticate'
  | 'integrations.rotate'
  | 'team.invitation'
  | 'phone-numbers.sync'
  | 'team.member-phone'
  | 'gateway.accept'
  | 'gateway.send'
  | 'webhooks.receive'
  | 'webhooks.outbound'
  | 'operations.run'
  | 'integrations.health';

export function withElevated<T>(purpose: ElevatedPurpose, fn: (tx: Tx) => Promise<T>): Promise<T> {
  logger.debug({ purpose }, 'elevated database access');
  const role = purpose === 'audit.retention' ? 'audit_retention' : 'service_role';
  return inTransaction(role, { role, purpose }, fn);
}
