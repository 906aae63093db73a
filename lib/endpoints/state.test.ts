import { describe, expect, it } from 'vitest';
import { canCheck, endpointState, removedAdvice } from './state';

describe('endpoint state', () => {
  it('a removed endpoint is "removed", whatever its last health', () => {
    for (const health_status of ['healthy', 'degraded', 'unhealthy', 'unknown'] as const) {
      expect(endpointState({ endpoint_on_server: false, health_status })).toBe('removed');
      expect(endpointState({ endpoint_on_server: true, health_status })).toBe(health_status);
    }
    expect(endpointState(null)).toBe('none');
  });

  it('tells the operator to choose another endpoint and the tenant who will', () => {
    expect(removedAdvice('operator', 'Primary')).toContain('Choose another endpoint for this tenant');
    expect(removedAdvice('tenant', 'Primary')).toContain('Your platform operator needs to choose another endpoint');
    expect(removedAdvice('tenant', 'Primary')).not.toMatch(/unhealthy/i);
  });

  it('offers a check only for an endpoint that is there', () => {
    expect(canCheck('removed')).toBe(false);
    expect(canCheck('none')).toBe(false);
    expect(canCheck('unhealthy')).toBe(true);
  });
});
