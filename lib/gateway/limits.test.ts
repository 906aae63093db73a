import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { seededDatabase } from '@/tests/db';
import { forgetLimiters, subWindow, waitForSlot } from './limits';

seededDatabase();

describe('provider sending limits', () => {
  it('never let more than 80 Meta messages through in any second per phone number, across processes', async () => {
    expect(subWindow({ points: 80, seconds: 1 })).toEqual({ points: 7, seconds: 0.1 });
    expect(subWindow({ points: 10, seconds: 1 }).points * 10).toBeLessThanOrEqual(10);
    const number = { phone_number_id: randomUUID() };
    // The clock stands still (the store's windows are timed by it), so all of this is one window.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T12:00:00.000Z') });
    try {
      const waits = await Promise.all(Array.from({ length: 7 }, () => waitForSlot('meta_whatsapp', number)));
      expect(waits.every((w) => w === 0)).toBe(true);
      forgetLimiters(); // another process: the count lives in Postgres, not in this one
      expect(await waitForSlot('meta_whatsapp', number)).toBe(100);
      vi.setSystemTime(new Date('2026-11-27T12:00:00.100Z'));
      expect(await waitForSlot('meta_whatsapp', number)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(await waitForSlot('meta_whatsapp', { phone_number_id: randomUUID() })).toBe(0);
  });

  it('are lifted with OUTBOUND_LIMITS=off', async () => {
    process.env.OUTBOUND_LIMITS = 'off';
    try {
      const key = { api_key: randomUUID() };
      const waits = await Promise.all(Array.from({ length: 30 }, () => waitForSlot('resend', key)));
      expect(waits.every((w) => w === 0)).toBe(true);
    } finally {
      delete process.env.OUTBOUND_LIMITS;
    }
  });
});
