import { describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_UNHEALTHY, nextHealth, type HealthState, type ProbeResult } from './transitions';

const ALERT_AFTER = 5 * 60_000;
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const fresh: HealthState = { status: 'unknown', consecutiveFailures: 0, unhealthySince: null, alertRaisedAt: null };
const ok: ProbeResult = { ok: true, latencyMs: 20, slow: false };
const slow: ProbeResult = { ok: true, latencyMs: 20_000, slow: true };
const fail: ProbeResult = { ok: false, latencyMs: 5, definitive: false, reason: 'The endpoint answered HTTP 500.' };
const badKey: ProbeResult = { ok: false, latencyMs: 5, definitive: true, reason: 'The endpoint rejected the API key (HTTP 401).' };

/** Runs probes one per minute from t0 and returns each resulting state. */
function run(probes: ProbeResult[], start: HealthState = fresh) {
  const states: ReturnType<typeof nextHealth>[] = [];
  let state = start;
  probes.forEach((probe, i) => {
    const next = nextHealth(state, probe, at(i * 60), ALERT_AFTER);
    states.push(next);
    state = next;
  });
  return states;
}

describe('health transitions', () => {
  it('a good answer is healthy; a slow one is degraded with the reason', () => {
    expect(run([ok])[0]).toMatchObject({ status: 'healthy', consecutiveFailures: 0, lastError: null, alert: null });
    expect(run([slow])[0]).toMatchObject({ status: 'degraded', lastError: expect.stringMatching(/^Slow/) });
  });

  it(`failures degrade, then make it unhealthy after ${FAILURES_BEFORE_UNHEALTHY} in a row`, () => {
    const states = run([ok, fail, fail, fail]);
    expect(states.map((s) => s.status)).toEqual(['healthy', 'degraded', 'degraded', 'unhealthy']);
    expect(states[3]).toMatchObject({ consecutiveFailures: 3, unhealthySince: at(180), lastError: 'The endpoint answered HTTP 500.' });
  });

  it('a refused key is unhealthy at once', () => {
    expect(run([ok, badKey])[1]).toMatchObject({ status: 'unhealthy', unhealthySince: at(60) });
  });

  it('raises one alert after five unhealthy minutes, and recovery clears it', () => {
    const states = run([badKey, badKey, badKey, badKey, badKey, badKey, badKey, ok]);
    expect(states.map((s) => s.alert)).toEqual([null, null, null, null, null, 'raised', null, 'cleared']);
    expect(states[5]).toMatchObject({ alertRaisedAt: at(300), unhealthySince: at(0) });
    expect(states[6]).toMatchObject({ alertRaisedAt: at(300) });
    expect(states[7]).toMatchObject({ status: 'healthy', alertRaisedAt: null, unhealthySince: null });
  });

  it('leaving unhealthy for degraded also clears the alert and restarts the clock', () => {
    const alerting: HealthState = { status: 'unhealthy', consecutiveFailures: 9, unhealthySince: at(-600), alertRaisedAt: at(-300) };
    const next = nextHealth(alerting, slow, t0, ALERT_AFTER);
    expect(next).toMatchObject({ status: 'degraded', alert: 'cleared', alertRaisedAt: null, unhealthySince: null, consecutiveFailures: 0 });
  });
});
