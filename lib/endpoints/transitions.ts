// How one health check moves an endpoint between states. Pure, so every transition is unit-tested.
//   healthy    answered 2xx within half the timeout
//   degraded   answered 2xx but slowly, or failed fewer than FAILURES_BEFORE_UNHEALTHY times in a row
//   unhealthy  failed that many times in a row, or refused the key (401/403: retrying will not help)
// An endpoint unhealthy for longer than the alert delay raises one alert; leaving unhealthy clears it.

import type { HealthStatus } from '@/lib/validations/common';

export type { HealthStatus };

export type ProbeResult =
  | { ok: true; latencyMs: number; slow: boolean }
  | { ok: false; latencyMs: number; definitive: boolean; reason: string };

export interface HealthState {
  status: HealthStatus;
  consecutiveFailures: number;
  unhealthySince: Date | null;
  alertRaisedAt: Date | null;
}

export const FAILURES_BEFORE_UNHEALTHY = 3;

export interface NextHealth extends HealthState {
  lastError: string | null;
  alert: 'raised' | 'cleared' | null;
}

export function nextHealth(previous: HealthState, probe: ProbeResult, now: Date, alertAfterMs: number): NextHealth {
  if (probe.ok) {
    return {
      status: probe.slow ? 'degraded' : 'healthy',
      consecutiveFailures: 0,
      unhealthySince: null,
      alertRaisedAt: null,
      lastError: probe.slow ? `Slow: answered in ${probe.latencyMs} ms, over half the timeout.` : null,
      alert: previous.alertRaisedAt ? 'cleared' : null,
    };
  }
  const consecutiveFailures = previous.consecutiveFailures + 1;
  const unhealthy = probe.definitive || consecutiveFailures >= FAILURES_BEFORE_UNHEALTHY;
  if (!unhealthy) {
    return {
      status: 'degraded',
      consecutiveFailures,
      unhealthySince: null,
      alertRaisedAt: null,
      lastError: probe.reason,
      alert: previous.alertRaisedAt ? 'cleared' : null,
    };
  }
  const unhealthySince = previous.status === 'unhealthy' && previous.unhealthySince ? previous.unhealthySince : now;
  const due = now.getTime() - unhealthySince.getTime() >= alertAfterMs;
  const raise = due && !previous.alertRaisedAt;
  return {
    status: 'unhealthy',
    consecutiveFailures,
    unhealthySince,
    alertRaisedAt: previous.alertRaisedAt ?? (raise ? now : null),
    lastError: probe.reason,
    alert: raise ? 'raised' : null,
  };
}
