import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { notFound } from '@/lib/http/errors';
import { findServerProvider } from '@/lib/integrations/registry.server';
import type { RequestFilters } from '@/lib/validations/gateway';

// The delivery log as people read it, through RLS: admins and managers every request of the
// organization, agents their own. Recipients are shown to admins and to whoever sent the request;
// message bodies are never stored here at all.

export interface RequestSummary {
  id: string;
  channel: string;
  kind: string;
  integration: string;
  status: string;
  to: string | null;
  sender: { type: 'member' | 'token'; label: string };
  source: string;
  idempotencyKey: string | null;
  providerMessageId: string | null;
  error: { code: string; message: string | null } | null;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  completedAt: string | null;
  /** A call's length once the provider reported it completed. */
  callDurationSeconds: number | null;
  /** For an operation: what it was, and what the provider last said about its object. */
  operation: { action: string; title: string; objectStatus: string | null; details: Record<string, string | number | boolean | null> | null } | null;
}

export interface Attempt {
  attempt: number;
  integration: string;
  startedAt: string;
  latencyMs: number | null;
  httpStatus: number | null;
  outcome: string;
  code: string | null;
  providerCode: string | null;
  message: string | null;
  retryAfterSeconds: number | null;
}

interface Row {
  id: string;
  channel: string;
  kind: string;
  integration_type: string;
  status: string;
  recipient: string;
  sender_user_id: string | null;
  sender_token_id: string | null;
  sender_label: string;
  source: string;
  idempotency_key: string | null;
  provider_message_id: string | null;
  error_code: string | null;
  error_message: string | null;
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  completed_at: Date | null;
  call_duration_seconds: number | null;
  operation: string | null;
  object_status: string | null;
  details: Record<string, string | number | boolean | null> | null;
  ts_us: string;
}

const COLUMNS = `id, channel, kind, integration_type, status, recipient, sender_user_id, sender_token_id, sender_label, source,
  idempotency_key, provider_message_id, error_code, error_message, attempt_count, next_attempt_at, created_at, sent_at, delivered_at, read_at, completed_at, call_duration_seconds, operation, object_status, details,
  (extract(epoch from created_at) * 1000000)::bigint::text as ts_us`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toSummary(actor: Actor, r: Row): RequestSummary {
  const mayReadRecipient = actor.role === 'admin' || r.sender_user_id === actor.userId;
  return {
    id: r.id,
    channel: r.channel,
    kind: r.kind,
    integration: r.integration_type,
    status: r.status,
    to: mayReadRecipient ? r.recipient : null,
    sender: { type: r.sender_token_id ? 'token' : 'member', label: r.sender_label },
    source: r.source,
    idempotencyKey: r.idempotency_key,
    providerMessageId: r.provider_message_id,
    error: r.error_code ? { code: r.error_code, message: r.error_message } : null,
    attempts: r.attempt_count,
    nextAttemptAt: iso(r.next_attempt_at),
    createdAt: r.created_at.toISOString(),
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
    readAt: iso(r.read_at),
    completedAt: iso(r.completed_at),
    callDurationSeconds: r.call_duration_seconds,
    operation: r.operation
      ? { action: r.operation, title: operationTitle(r.integration_type, r.operation), objectStatus: r.object_status, details: r.details }
      : null,
  };
}

/** What a person calls an operation, as its integration declares it. */
function operationTitle(type: string, action: string): string {
  const declarations = findServerProvider(type)?.operations?.declarations;
  return (declarations && Object.hasOwn(declarations, action) ? declarations[action]?.title : undefined) ?? action.replaceAll('_', ' ');
}

export const PAGE_SIZE = 50;

/** Newest first, `PAGE_SIZE` at a time; `nextCursor` continues after the last row. */
export async function listRequests(actor: Actor, filters: RequestFilters, pageSize = PAGE_SIZE): Promise<{ data: RequestSummary[]; nextCursor: string | null }> {
  const clauses = ['organization_id = $1'];
  const params: unknown[] = [actor.orgId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.channel) add('channel = ?', filters.channel);
  if (filters.operation) add('operation = ?', filters.operation);
  if (filters.status) add('status = ?', filters.status);
  if (filters.integration) add('integration_type = ?', filters.integration);
  if (filters.sender) add('sender_user_id = ?', filters.sender);
  if (filters.to) {
    add('recipient = ?', filters.to);
    // Recipients are for admins and for whoever sent: filtering by one must not tell a manager where
    // someone else's messages went.
    if (actor.role !== 'admin') add('sender_user_id = ?', actor.userId);
  }
  if (filters.from) add(`created_at >= ?::date`, filters.from);
  if (filters.until) add(`created_at < ?::date + 1`, filters.until);
  if (filters.cursor) {
    const [ts, id] = filters.cursor.split('_');
    params.push(ts, id);
    clauses.push(`((extract(epoch from created_at) * 1000000)::bigint, id) < ($${params.length - 1}::bigint, $${params.length}::uuid)`);
  }
  params.push(pageSize + 1);
  const rows = await actor.db((tx) =>
    tx.query<Row>(`select ${COLUMNS} from public.outbound_requests where ${clauses.join(' and ')} order by created_at desc, id desc limit $${params.length}`, params),
  );
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { data: page.map((r) => toSummary(actor, r)), nextCursor: rows.length > pageSize && last ? `${last.ts_us}_${last.id}` : null };
}

/** One request with its attempts; another organization's (or, for an agent, someone else's) is not found. */
export async function getRequest(actor: Actor, id: string): Promise<RequestSummary & { attemptLog: Attempt[] }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('The request');
  const found = await actor.db(async (tx) => {
    const row = await tx.one<Row>(`select ${COLUMNS} from public.outbound_requests where id = $1 and organization_id = $2`, [id, actor.orgId]);
    if (!row) return null;
    const attempts = await tx.query<{ attempt: number; integration_type: string; started_at: Date; latency_ms: number | null; http_status: number | null; outcome: string; code: string | null; provider_code: string | null; message: string | null; retry_after_seconds: number | null }>(
      `select attempt, integration_type, started_at, latency_ms, http_status, outcome, code, provider_code, message, retry_after_seconds
         from public.outbound_attempts where request_id = $1 order by attempt`,
      [id],
    );
    return { row, attempts };
  });
  if (!found) throw notFound('The request');
  return {
    ...toSummary(actor, found.row),
    attemptLog: found.attempts.map((a) => ({
      attempt: a.attempt,
      integration: a.integration_type,
      startedAt: a.started_at.toISOString(),
      latencyMs: a.latency_ms,
      httpStatus: a.http_status,
      outcome: a.outcome,
      code: a.code,
      providerCode: a.provider_code,
      message: a.message,
      retryAfterSeconds: a.retry_after_seconds,
    })),
  };
}
