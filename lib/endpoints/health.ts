import 'server-only';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { writeAudit, type AuditActor } from '@/lib/audit/write';
import { endpointConfig, isRemovedEndpoint } from './catalogue';
import type { WhatsAppEndpoint } from './parse';
import { nextHealth, type HealthStatus, type ProbeResult } from './transitions';

export const SYSTEM_MONITOR: AuditActor = { type: 'system', label: 'Health monitor' };

/** Why a fetch failed, from Node's error codes, in words that name no host, URL or key. */
function networkReason(error: unknown): string {
  const code = (error as { cause?: { code?: string } })?.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'Connection refused.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return "The endpoint's host name does not resolve.";
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'The connection was closed before a reply.';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'The endpoint is unreachable from this server.';
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS') || code.includes('SSL')) return 'The TLS handshake failed.';
  return 'Could not connect to the endpoint.';
}

/**
 * One health request: GET {apiUrl}/health with the endpoint's key, limited to the tenant's timeout.
 * Never throws, and its reasons never contain the URL, the key or the endpoint's reply.
 */
export async function probeEndpoint(endpoint: WhatsAppEndpoint, timeoutSeconds: number): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(`${endpoint.apiUrl}/health`, {
      headers: { authorization: `Bearer ${endpoint.apiKey}`, accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    await response.arrayBuffer().catch(() => undefined); // drain, so the connection is reused
    const latencyMs = elapsed();
    if (response.ok) return { ok: true, latencyMs, slow: latencyMs > (timeoutSeconds * 1000) / 2 };
    if (response.status === 401 || response.status === 403) {
      return { ok: false, latencyMs, definitive: true, reason: `The endpoint rejected the API key (HTTP ${response.status}).` };
    }
    if (response.status === 429) {
      return { ok: false, latencyMs, definitive: false, reason: 'The endpoint is rate limiting health checks (HTTP 429).' };
    }
    return { ok: false, latencyMs, definitive: false, reason: `The endpoint answered HTTP ${response.status}.` };
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, latencyMs: elapsed(), definitive: false, reason: `Timed out after ${timeoutSeconds} s.` };
    }
    return { ok: false, latencyMs: elapsed(), definitive: false, reason: networkReason(error) };
  }
}

interface ConfigRow {
  tenant_id: string;
  endpoint_name: string;
  message_timeout: number;
  health_check_interval: number;
  health_status: HealthStatus;
  consecutive_failures: number;
  unhealthy_since: Date | null;
  alert_raised_at: Date | null;
}

/** The audit fields every endpoint event shares: the tenant's trail, this integration, this row. */
export function endpointAuditTarget(tenantId: string) {
  return { orgId: tenantId, integrationType: 'whatsapp_endpoint', targetType: 'tenant_whatsapp_config' as const, targetId: tenantId };
}

export interface CheckTarget {
  tenant_id: string;
  endpoint_name: string;
  message_timeout: number;
  health_check_interval: number;
  last_health_check: Date | null;
  /** This check's claim (the check_started_at it set): it releases only its own. */
  claim: Date | null;
}

export type Claim = { kind: 'none' } | { kind: 'busy'; target: CheckTarget } | { kind: 'claimed'; target: CheckTarget };

/**
 * Claims one tenant's endpoint for a check: at most one check per tenant is in flight, whoever
 * started it (a runner or a person). A claim left by a crashed check expires after its timeout.
 */
export function claimCheck(tenantId: string): Promise<Claim> {
  return withElevated('whatsapp.health', async (tx) => {
    const row = await tx.one<Omit<CheckTarget, 'claim'> & { in_flight: boolean }>(
      `select tenant_id, endpoint_name, message_timeout, health_check_interval, last_health_check,
              coalesce(check_started_at > now() - make_interval(secs => message_timeout + 10), false) as in_flight
         from public.tenant_whatsapp_config where tenant_id = $1 for update`,
      [tenantId],
    );
    if (!row) return { kind: 'none' };
    const { in_flight: inFlight, ...target } = row;
    if (inFlight) return { kind: 'busy', target: { ...target, claim: null } };
    // Millisecond precision, so the value round-trips through a JavaScript Date and still matches.
    const claimed = await tx.one<{ claim: Date }>(
      `update public.tenant_whatsapp_config set check_started_at = date_trunc('milliseconds', clock_timestamp())
        where tenant_id = $1 returning check_started_at as claim`,
      [tenantId],
    );
    return { kind: 'claimed', target: { ...target, claim: claimed!.claim } };
  });
}

export interface HealthOutcome {
  status: HealthStatus;
  previous: HealthStatus;
  reason: string | null;
  latencyMs: number;
  checkedAt: Date;
}

/**
 * Records one probe's result for a tenant, in one transaction with its audit rows: a change of
 * health state, an alert raised (unhealthy for longer than WHATSAPP_ALERT_AFTER_SECONDS) or cleared.
 * A result for an endpoint that has since been changed or removed is dropped.
 */
export async function recordHealth(
  tenantId: string,
  endpointName: string,
  probe: ProbeResult,
  options: { actor?: AuditActor; manual?: boolean; now?: Date; claim?: Date | null; removed?: boolean } = {},
): Promise<HealthOutcome | null> {
  const actor = options.actor ?? SYSTEM_MONITOR;
  const now = options.now ?? new Date();
  return withElevated('whatsapp.health', async (tx) => {
    const row = await tx.one<ConfigRow>(
      `select tenant_id, endpoint_name, message_timeout, health_check_interval, health_status,
              consecutive_failures, unhealthy_since, alert_raised_at
         from public.tenant_whatsapp_config where tenant_id = $1 for update`,
      [tenantId],
    );
    if (!row) return null;
    if (row.endpoint_name !== endpointName) {
      // Changed while the check ran: this result is about the old endpoint. Release our claim only.
      await tx.query(
        `update public.tenant_whatsapp_config set check_started_at = case when check_started_at = $2 then null else check_started_at end
          where tenant_id = $1`,
        [tenantId, options.claim ?? null],
      );
      return null;
    }

    const computed = nextHealth(
      {
        status: row.health_status,
        consecutiveFailures: row.consecutive_failures,
        unhealthySince: row.unhealthy_since,
        alertRaisedAt: row.alert_raised_at,
      },
      probe,
      now,
      env().WHATSAPP_ALERT_AFTER_SECONDS * 1000,
    );
    // An endpoint the platform took off the server is not an outage: someone must choose another,
    // and an alert (banner, audit) would only point people at a problem they cannot fix by waiting.
    const next = options.removed && computed.alert === 'raised' ? { ...computed, alertRaisedAt: null, alert: null } : computed;
    await tx.query(
      `update public.tenant_whatsapp_config
          set health_status = $2, consecutive_failures = $3, unhealthy_since = $4, alert_raised_at = $5,
              last_error = $6, last_latency_ms = $7, last_health_check = $8,
              last_healthy_at = case when $9::boolean then $8 else last_healthy_at end,
              -- A newer check may hold the row (our claim expired while we waited): leave its claim alone.
              check_started_at = case when check_started_at = $10 then null else check_started_at end
        where tenant_id = $1`,
      [
        tenantId,
        next.status,
        next.consecutiveFailures,
        next.unhealthySince,
        next.alertRaisedAt,
        next.lastError,
        probe.latencyMs,
        now,
        probe.ok,
        options.claim ?? null,
      ],
    );

    const base = endpointAuditTarget(tenantId);
    if (options.manual) {
      await writeAudit(tx, actor, {
        ...base,
        action: 'whatsapp.health_checked',
        outcome: probe.ok ? 'success' : 'failure',
        metadata: { endpoint: endpointName, status: next.status, latency_ms: probe.latencyMs },
      });
    }
    if (next.status !== row.health_status) {
      await writeAudit(tx, actor, {
        ...base,
        action: 'whatsapp.health_changed',
        changedFields: ['health_status'],
        metadata: { endpoint: endpointName, from: row.health_status, to: next.status, reason: next.lastError, latency_ms: probe.latencyMs },
      });
      logger.info({ tenantId, endpoint: endpointName, from: row.health_status, to: next.status }, 'endpoint health changed');
    }
    if (next.alert === 'raised') {
      await writeAudit(tx, actor, {
        ...base,
        action: 'whatsapp.alert_raised',
        outcome: 'failure',
        metadata: { endpoint: endpointName, unhealthy_since: next.unhealthySince?.toISOString() ?? null, reason: next.lastError },
      });
      logger.warn({ tenantId, endpoint: endpointName }, 'endpoint unhealthy for too long: alert raised');
    } else if (next.alert === 'cleared') {
      await writeAudit(tx, actor, { ...base, action: 'whatsapp.alert_cleared', metadata: { endpoint: endpointName, status: next.status } });
      logger.info({ tenantId, endpoint: endpointName }, 'endpoint recovered: alert cleared');
    }
    return { status: next.status, previous: row.health_status, reason: next.lastError, latencyMs: probe.latencyMs, checkedAt: now };
  });
}

/**
 * Probes a claimed endpoint and records the result. With an actor it is a person's "Check now",
 * audited as such. Null when the assignment changed or disappeared meanwhile.
 */
export async function runClaimedCheck(target: CheckTarget, actor?: AuditActor): Promise<HealthOutcome | null> {
  const endpoint = endpointConfig(target.endpoint_name);
  // Removed means the server's list was read and no longer names it; a list that cannot be read is an
  // outage to alert on, not a choice to make.
  const removed = isRemovedEndpoint(target.endpoint_name);
  const probe: ProbeResult = endpoint
    ? await probeEndpoint(endpoint, target.message_timeout)
    : {
        ok: false,
        latencyMs: 0,
        definitive: true,
        reason: removed ? 'This endpoint is no longer in the server configuration.' : 'The server’s WHATSAPP_ENDPOINTS setting cannot be read, so this endpoint cannot be reached.',
      };
  logger.debug({ tenantId: target.tenant_id, endpoint: target.endpoint_name, ok: probe.ok, latencyMs: probe.latencyMs }, 'endpoint health checked');
  return recordHealth(target.tenant_id, target.endpoint_name, probe, { claim: target.claim, removed, ...(actor ? { actor, manual: true } : {}) });
}

/** Claims and checks one tenant's endpoint at once (tests, benchmarks). */
export async function checkTenantEndpoint(tenantId: string, actor?: AuditActor): Promise<HealthOutcome | null> {
  const claim = await claimCheck(tenantId);
  return claim.kind === 'claimed' ? runClaimedCheck(claim.target, actor) : null;
}

/**
 * Raises the alerts that have come due between checks (an endpoint checked hourly still alerts five
 * minutes after it turned unhealthy). Run every minute by the job runner.
 */
export async function raiseDueAlerts(now = new Date()): Promise<number> {
  return withElevated('whatsapp.health', async (tx) => {
    const due = await tx.query<{ tenant_id: string; endpoint_name: string; unhealthy_since: Date; last_error: string | null }>(
      `select tenant_id, endpoint_name, unhealthy_since, last_error from public.tenant_whatsapp_config
        where health_status = 'unhealthy' and alert_raised_at is null
          and unhealthy_since <= $1::timestamptz - make_interval(secs => $2)
        for update skip locked`,
      [now, env().WHATSAPP_ALERT_AFTER_SECONDS],
    );
    for (const row of due) {
      if (isRemovedEndpoint(row.endpoint_name)) continue; // not an outage: see recordHealth
      await tx.query(`update public.tenant_whatsapp_config set alert_raised_at = $2 where tenant_id = $1`, [row.tenant_id, now]);
      await writeAudit(tx, SYSTEM_MONITOR, {
        ...endpointAuditTarget(row.tenant_id),
        action: 'whatsapp.alert_raised',
        outcome: 'failure',
        metadata: { endpoint: row.endpoint_name, unhealthy_since: row.unhealthy_since.toISOString(), reason: row.last_error },
      });
      logger.warn({ tenantId: row.tenant_id, endpoint: row.endpoint_name }, 'endpoint unhealthy for too long: alert raised');
    }
    return due.filter((row) => !isRemovedEndpoint(row.endpoint_name)).length;
  });
}
