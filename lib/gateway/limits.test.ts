import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededDatabase } from '@/tests/db';
import { forgetLimiters, waitForSlot } from './limits';

seededDatabase();

describe('provider sending limits', () => {
  it('let 80 Meta messages a second through per phone number, across processes, and make the 81st wait', async () => {
    const number = { phone_number_id: randomUUID() };
    const waits = await Promise.all(Array.from({ length: 80 }, () => waitForSlot('meta_whatsapp', number)));
    expect(waits.every((w) => w === 0)).toBe(true);
    forgetLimiters(); // another process: the count lives in Postgres, not in this one
    const wait = await waitForSlot('meta_whatsapp', number);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
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
