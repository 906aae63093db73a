import 'server-only';
import type { Tx } from '@/lib/db/rls';
import type { AuditFilters, AuditOutcome } from '@/lib/validations/audit';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
  id: string;
  orgId: string | null;
  orgName: string | null;
  actorType: 'user' | 'api_token' | 'system';
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  integrationType: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  changedFields: string[];
  metadata: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  chainSeq: string;
  hash: string;
}

interface Row {
  id: string;
  org_id: string | null;
  org_name: string | null;
  actor_type: AuditEntry['actorType'];
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  integration_type: string | null;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  changed_fields: string[];
  metadata: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  ts_us: string;
  chain_seq: string;
  hash: string;
}

/** Where the trail may be read: one organization (tenant admins), or any with an optional filter (superadmins). */
export type AuditScope = { orgId: string } | { allOrgs: true };

export const AUDIT_COLUMNS = `l.id, l.org_id, o.name as org_name, l.actor_type, l.actor_id, l.actor_label, l.action,
  l.integration_type, l.target_type, l.target_id, l.outcome, l.changed_fields, l.metadata, host(l.ip) as ip,
  l.user_agent, l.created_at, (extract(epoch from l.created_at) * 1000000)::bigint::text as ts_us, l.chain_seq, l.hash`;

/** Builds the WHERE clause for scope and filters (the cursor excluded), with numbered parameters. */
export function auditWhere(scope: AuditScope, filters: AuditFilters) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if ('orgId' in scope) add((n) => `l.org_id = ${n}`, scope.orgId);
  else if (filters.org) add((n) => `l.org_id = ${n}`, filters.org);
  if (filters.action) add((n) => `l.action = ${n}`, filters.action);
  if (filters.outcome) add((n) => `l.outcome = ${n}`, filters.outcome);
  if (filters.integration) add((n) => `l.integration_type = ${n}`, filters.integration);
  if (filters.actor) add((n) => `(l.actor_label = lower(${n}) or l.actor_id = ${n})`, filters.actor);
  if (filters.q) add((n) => `l.target_id = ${n}`, filters.q);
  // Compared as timestamptz, whose operators are leakproof: under RLS only leakproof conditions may
  // be used as index conditions ahead of the policy (a date comparison would become a filter).
  if (filters.from) add((n) => `l.created_at >= (${n}::date)::timestamptz`, filters.from);
  if (filters.to) add((n) => `l.created_at < (${n}::date + 1)::timestamptz`, filters.to);
  return { clauses, params };
}

export function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    integrationType: r.integration_type,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    changedFields: r.changed_fields,
    metadata: r.metadata,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at.toISOString(),
    chainSeq: r.chain_seq,
    hash: r.hash,
  };
}

/** One keyset page, newest first. The cursor is `<created_at in µs>-<id>` of the last row shown. */
export async function auditPage(
  tx: Tx,
  scope: AuditScope,
  filters: AuditFilters,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ entries: AuditEntry[]; nextCursor: string | null; rows: Row[] }> {
  const { clauses, params } = auditWhere(scope, filters);
  if (filters.cursor) {
    const [us, id] = filters.cursor.split('-');
    params.push(us, id);
    clauses.push(
      `(l.created_at, l.id) < ('epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::bigint)`,
    );
  }
  params.push(limit + 1);
  const rows = await tx.query<Row>(
    `select ${AUDIT_COLUMNS}
       from public.integration_audit_logs l
       left join public.organizations o on o.id = l.org_id
      ${clauses.length ? `where ${clauses.join(' and ')}` : ''}
      order by l.created_at desc, l.id desc
      limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(toEntry),
    rows: page,
    nextCursor: rows.length > limit && last ? `${last.ts_us}-${last.id}` : null,
  };
}

export interface DailyCount {
  day: string;
  success: number;
  failure: number;
  denied: number;
}

/** Events per day by outcome over the filtered range (the last 30 days when no range is given). */
export async function auditDailyCounts(tx: Tx, scope: AuditScope, filters: AuditFilters): Promise<DailyCount[]> {
  const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
  const to = filters.to ?? dayOf(Date.now());
  const toTime = Date.parse(`${to}T00:00:00Z`);
  // The last 30 days by default; never more than the latest 366 days of the range.
  const from = dayOf(Math.max(Date.parse(`${filters.from ?? dayOf(toTime - 29 * 86_400_000)}T00:00:00Z`), toTime - 365 * 86_400_000));
  const rows = await dailyRows(tx, scope, { ...filters, from, to, cursor: undefined });
  const days: DailyCount[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && days.length < 366; t += 86_400_000) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), success: 0, failure: 0, denied: 0 });
  }
  const byDay = new Map(days.map((d) => [d.day, d]));
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) d[r.outcome] += r.n;
  }
  return days;
}

type DayRow = { day: string; outcome: AuditOutcome; n: number };

/**
 * The chart's counts. Without filters beyond the range, organization and outcome they come from the
 * per-day counters the trail's triggers keep (a few hundred rows whatever the trail's size); other
 * filters count the matching rows themselves, which their indexes narrow.
 */
async function dailyRows(tx: Tx, scope: AuditScope, filters: AuditFilters & { from: string; to: string }): Promise<DayRow[]> {
  const counted = !filters.action && !filters.integration && !filters.actor && !filters.q;
  const org = 'orgId' in scope ? scope.orgId : filters.org;
  if (counted && org) {
    return tx.query<DayRow>(
      `select to_char(day, 'YYYY-MM-DD') as day, outcome, n::int as n from public.audit_daily_counts
        where org_id = $1 and day between $2::date and $3::date and ($4::text is null or outcome = $4)`,
      [org, filters.from, filters.to, filters.outcome ?? null],
    );
  }
  if (counted) {
    return tx.query<DayRow>(
      `select to_char(day, 'YYYY-MM-DD') as day, outcome, sum(n)::int as n from public.audit_daily_totals
        where day between $1::date and $2::date and ($3::text is null or outcome = $3) group by day, outcome`,
      [filters.from, filters.to, filters.outcome ?? null],
    );
  }
  const { clauses, params } = auditWhere(scope, filters);
  return tx.query<DayRow>(
    `select to_char(date_trunc('day', l.created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, l.outcome, count(*)::int as n
       from public.integration_audit_logs l
      where ${clauses.join(' and ')}
      group by 1, 2`,
    params,
  );
}
