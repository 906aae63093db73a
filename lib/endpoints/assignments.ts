import 'server-only';
import type { Tx } from '@/lib/db/rls';
import { actorOf, type UserContext } from '@/lib/auth/guards';
import { recordAccessDenied, writeAudit } from '@/lib/audit/write';
import { AppError, conflict, forbidden, notFound } from '@/lib/http/errors';
import { ENDPOINT_DEFAULTS, tenantIdSchema, type EndpointSettings } from '@/lib/validations/whatsapp';
import { hasEndpoint, isRemovedEndpoint } from './catalogue';
import { claimCheck, endpointAuditTarget, runClaimedCheck, type HealthOutcome } from './health';
import type { HealthStatus } from './transitions';

/** A tenant's endpoint assignment as the API returns it: the endpoint's name, never its URL or key. */
export interface TenantWhatsAppConfig {
  id: string;
  tenant_id: string;
  endpoint_name: string;
  auto_reconnect: boolean;
  reconnect_interval: number;
  health_check_interval: number;
  webhook_retries: number;
  message_timeout: number;
  is_configured: boolean;
  /** False once the platform took the endpoint out of WHATSAPP_ENDPOINTS: someone must choose another. */
  endpoint_on_server: boolean;
  health_status: HealthStatus;
  last_health_check: string | null;
  last_healthy_at: string | null;
  consecutive_failures: number;
  last_error: string | null;
  unhealthy_since: string | null;
  alert_raised_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, tenant_id, endpoint_name, auto_reconnect, reconnect_interval, health_check_interval,
  webhook_retries, message_timeout, is_configured, health_status, last_health_check, last_healthy_at,
  consecutive_failures, last_error, unhealthy_since, alert_raised_at, version, created_at, updated_at`;

type Row = Omit<TenantWhatsAppConfig, 'endpoint_on_server' | 'last_health_check' | 'last_healthy_at' | 'unhealthy_since' | 'alert_raised_at' | 'created_at' | 'updated_at'> & {
  last_health_check: Date | null;
  last_healthy_at: Date | null;
  unhealthy_since: Date | null;
  alert_raised_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

/** What a tenant's own members see: which endpoint, its health and when it was last checked. */
export type TenantEndpointSummary = Pick<
  TenantWhatsAppConfig,
  'tenant_id' | 'endpoint_name' | 'is_configured' | 'endpoint_on_server' | 'health_status' | 'last_health_check' | 'health_check_interval'
>;

function summaryOf(config: TenantWhatsAppConfig): TenantEndpointSummary {
  const { tenant_id, endpoint_name, is_configured, endpoint_on_server, health_status, last_health_check, health_check_interval } = config;
  return { tenant_id, endpoint_name, is_configured, endpoint_on_server, health_status, last_health_check, health_check_interval };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function toConfig(row: Row): TenantWhatsAppConfig {
  return {
    ...row,
    endpoint_on_server: !isRemovedEndpoint(row.endpoint_name),
    last_health_check: iso(row.last_health_check),
    last_healthy_at: iso(row.last_healthy_at),
    unhealthy_since: iso(row.unhealthy_since),
    alert_raised_at: iso(row.alert_raised_at),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

const SETTINGS = ['endpoint_name', 'auto_reconnect', 'reconnect_interval', 'health_check_interval', 'webhook_retries', 'message_timeout'] as const;
type Settings = Pick<TenantWhatsAppConfig, (typeof SETTINGS)[number]>;
const pick = (row: Row): Settings => Object.fromEntries(SETTINGS.map((f) => [f, row[f]])) as Settings;

/**
 * The tenant id from a URL, if the caller may see that tenant at all: superadmins see every tenant,
 * anyone else only organizations they belong to. Everything else is "not found", so ids of other
 * tenants reveal nothing.
 */
function visibleTenantId(ctx: UserContext, raw: string): string {
  const parsed = tenantIdSchema.safeParse(raw);
  if (!parsed.success) throw notFound('The tenant');
  if (!ctx.user.isSuperadmin && !ctx.memberships.some((m) => m.orgId === parsed.data)) throw notFound('The tenant');
  return parsed.data;
}

async function lockTenant(tx: Tx, tenantId: string): Promise<void> {
  const tenant = await tx.one(`select 1 from public.organizations where id = $1`, [tenantId]);
  if (!tenant) throw notFound('The tenant');
  // Assignments for one tenant run one at a time, so racing saves see each other's result.
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('tenant_whatsapp_config:' || $1::text, 0))`, [tenantId]);
}

function changedMeanwhile(current: Row | undefined): AppError {
  return conflict(
    current
      ? `Someone changed this tenant's endpoint a moment ago (it is now "${current.endpoint_name}"). Reload to see the current settings.`
      : 'Someone removed this tenant’s endpoint a moment ago. Reload to see the current settings.',
  );
}

/** Assigning and removing endpoints is platform work: superadmins only, whatever the caller checked. */
async function requirePlatform(ctx: UserContext, tenantId: string | null): Promise<void> {
  if (ctx.user.isSuperadmin) return;
  await recordAccessDenied(actorOf(ctx), tenantId, { required_role: 'superadmin', role: ctx.active?.role ?? null });
  throw forbidden();
}

/** The full assignment for superadmins; its summary for the tenant's own members. */
export async function getTenantConfig(ctx: UserContext, rawTenantId: string): Promise<TenantWhatsAppConfig | TenantEndpointSummary | null> {
  const config = await loadTenantConfig(ctx, rawTenantId);
  return config && !ctx.user.isSuperadmin ? summaryOf(config) : config;
}

/** The full assignment, for superadmin pages; anyone else is refused. */
export async function getFullTenantConfig(ctx: UserContext, rawTenantId: string): Promise<TenantWhatsAppConfig | null> {
  await requirePlatform(ctx, null);
  return loadTenantConfig(ctx, rawTenantId);
}

async function loadTenantConfig(ctx: UserContext, rawTenantId: string): Promise<TenantWhatsAppConfig | null> {
  const tenantId = visibleTenantId(ctx, rawTenantId);
  return ctx.db(async (tx) => {
    if (ctx.user.isSuperadmin) {
      const exists = await tx.one(`select 1 from public.organizations where id = $1`, [tenantId]);
      if (!exists) throw notFound('The tenant');
    }
    const row = await tx.one<Row>(`select ${COLUMNS} from public.tenant_whatsapp_config where tenant_id = $1`, [tenantId]);
    return row ? toConfig(row) : null;
  });
}

export interface AssignResult {
  config: TenantWhatsAppConfig;
  change: 'assigned' | 'changed' | 'unchanged';
}

/** Assigns or changes a tenant's endpoint (superadmins). Unknown names are refused. */
export async function assignEndpoint(ctx: UserContext, rawTenantId: string, input: EndpointSettings): Promise<AssignResult> {
  await requirePlatform(ctx, null);
  const tenantId = visibleTenantId(ctx, rawTenantId);
  if (!hasEndpoint(input.endpoint_name)) {
    throw new AppError(422, 'unknown_endpoint', `There is no endpoint named "${input.endpoint_name.slice(0, 100)}". Choose one of the configured endpoints (names are case-sensitive).`, {
      endpoint_name: ['Choose one of the configured endpoints.'],
    });
  }
  return ctx.db(async (tx) => {
    await lockTenant(tx, tenantId);
    const current = await tx.one<Row>(`select ${COLUMNS} from public.tenant_whatsapp_config where tenant_id = $1`, [tenantId]);
    if (input.expected_version !== undefined && (current?.version ?? null) !== input.expected_version) throw changedMeanwhile(current);

    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const next = { ...ENDPOINT_DEFAULTS, ...(current ? pick(current) : {}), ...given } as Settings;
    const values = [
      tenantId,
      next.endpoint_name,
      next.auto_reconnect,
      next.reconnect_interval,
      next.health_check_interval,
      next.webhook_retries,
      next.message_timeout,
      ctx.user.id,
    ];
    if (!current) {
      const row = await tx.one<Row>(
        `insert into public.tenant_whatsapp_config
           (tenant_id, endpoint_name, auto_reconnect, reconnect_interval, health_check_interval, webhook_retries,
            message_timeout, is_configured, created_by, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, true, $8, $8)
         returning ${COLUMNS}`,
        values,
      );
      await writeAudit(tx, actorOf(ctx), {
        ...endpointAuditTarget(tenantId),
        action: 'whatsapp.endpoint_assigned',
        changedFields: [...SETTINGS],
        metadata: { endpoint: next.endpoint_name },
      });
      return { config: toConfig(row!), change: 'assigned' };
    }

    const changed = SETTINGS.filter((field) => current[field] !== next[field]);
    if (changed.length === 0) return { config: toConfig(current), change: 'unchanged' };
    const endpointChanged = changed.includes('endpoint_name');
    // A different endpoint starts with unknown health: the old endpoint's record says nothing about it.
    const row = await tx.one<Row>(
      `update public.tenant_whatsapp_config
          set endpoint_name = $2, auto_reconnect = $3, reconnect_interval = $4, health_check_interval = $5,
              webhook_retries = $6, message_timeout = $7, updated_by = $8, version = version + 1,
              is_configured = true,
              health_status = case when $9::boolean then 'unknown' else health_status end,
              consecutive_failures = case when $9::boolean then 0 else consecutive_failures end,
              last_error = case when $9::boolean then null else last_error end,
              last_health_check = case when $9::boolean then null else last_health_check end,
              last_healthy_at = case when $9::boolean then null else last_healthy_at end,
              last_latency_ms = case when $9::boolean then null else last_latency_ms end,
              unhealthy_since = case when $9::boolean then null else unhealthy_since end,
              alert_raised_at = case when $9::boolean then null else alert_raised_at end,
              -- A check of the old endpoint may be in flight: its result is dropped, and the check the
              -- change queues must not wait for it.
              check_started_at = case when $9::boolean then null else check_started_at end
        where tenant_id = $1
        returning ${COLUMNS}`,
      [...values, endpointChanged],
    );
    await writeAudit(tx, actorOf(ctx), {
      ...endpointAuditTarget(tenantId),
      action: 'whatsapp.endpoint_changed',
      changedFields: changed,
      metadata: { endpoint: next.endpoint_name, ...(endpointChanged ? { previous_endpoint: current.endpoint_name } : {}) },
    });
    if (endpointChanged) await auditHealthReset(tx, ctx, tenantId, current, 'unknown');
    return { config: toConfig(row!), change: 'changed' };
  });
}

/**
 * A new endpoint (or none) makes the old one's health record moot. The health state it leaves and
 * an open alert it closes are audited like any other health change.
 */
async function auditHealthReset(tx: Tx, ctx: UserContext, tenantId: string, previous: Row, to: 'unknown' | null): Promise<void> {
  const reason = to ? 'Endpoint changed' : 'Endpoint removed';
  if (to && previous.health_status !== to) {
    await writeAudit(tx, actorOf(ctx), {
      ...endpointAuditTarget(tenantId),
      action: 'whatsapp.health_changed',
      changedFields: ['health_status'],
      metadata: { endpoint: previous.endpoint_name, from: previous.health_status, to, reason },
    });
  }
  if (previous.alert_raised_at) {
    await writeAudit(tx, actorOf(ctx), {
      ...endpointAuditTarget(tenantId),
      action: 'whatsapp.alert_cleared',
      metadata: { endpoint: previous.endpoint_name, status: to ?? 'removed', reason },
    });
  }
}

/** Removes a tenant's endpoint (superadmins). Its pending check is cancelled. */
export async function removeEndpoint(ctx: UserContext, rawTenantId: string, expectedVersion?: number | null): Promise<void> {
  await requirePlatform(ctx, null);
  const tenantId = visibleTenantId(ctx, rawTenantId);
  await ctx.db(async (tx) => {
    await lockTenant(tx, tenantId);
    const current = await tx.one<Row>(`select ${COLUMNS} from public.tenant_whatsapp_config where tenant_id = $1`, [tenantId]);
    if (expectedVersion !== undefined && (current?.version ?? null) !== expectedVersion) throw changedMeanwhile(current);
    if (!current) throw notFound('An endpoint assignment for this tenant');
    await tx.query(`delete from public.tenant_whatsapp_config where tenant_id = $1`, [tenantId]);
    await writeAudit(tx, actorOf(ctx), {
      ...endpointAuditTarget(tenantId),
      action: 'whatsapp.endpoint_removed',
      changedFields: ['endpoint_name'],
      metadata: { endpoint: current.endpoint_name },
    });
    await auditHealthReset(tx, ctx, tenantId, current, null);
  });
}

/**
 * "Check now": superadmins for any tenant, a tenant's admins for their own. Runs one check at once
 * and records it like a scheduled one (plus an audit row naming who asked).
 */
export async function checkNow(ctx: UserContext, rawTenantId: string): Promise<HealthOutcome> {
  const tenantId = visibleTenantId(ctx, rawTenantId);
  const membership = ctx.memberships.find((m) => m.orgId === tenantId);
  if (!ctx.user.isSuperadmin && membership?.role !== 'admin') {
    await recordAccessDenied(actorOf(ctx), tenantId, { required_role: 'admin', role: membership?.role ?? null });
    throw forbidden('Only the tenant’s admins and platform superadmins can run a check.');
  }
  // A check already in flight (the runner's) is waited for, up to its timeout, rather than doubled.
  let claim = await claimCheck(tenantId);
  const deadline = Date.now() + (claim.kind === 'busy' ? claim.target.message_timeout * 1000 + 2000 : 0);
  while (claim.kind === 'busy' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    claim = await claimCheck(tenantId);
  }
  if (claim.kind === 'none') throw notFound('An endpoint assignment for this tenant');
  if (claim.kind === 'busy') throw conflict('A check of this endpoint is running right now. Its result appears in a few seconds.');
  const outcome = await runClaimedCheck(claim.target, actorOf(ctx));
  if (!outcome) throw conflict('The endpoint was changed while it was being checked. Check again.');
  return outcome;
}

/**
 * A check's result as route handlers and server actions return it. The reason of a failure is
 * operator detail: tenants get the state, as on their page.
 */
export function healthResult(outcome: HealthOutcome, ctx: UserContext) {
  return {
    status: outcome.status,
    previous: outcome.previous,
    reason: ctx.user.isSuperadmin ? outcome.reason : null,
    latency_ms: outcome.latencyMs,
    checked_at: outcome.checkedAt.toISOString(),
  };
}
