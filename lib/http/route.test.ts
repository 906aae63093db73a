import { describe, expect, it } from 'vitest';
import { unavailable } from './errors';
import { jsonError } from './route';

describe('error responses', () => {
  it('ask the caller to come back when the database is out of reach', async () => {
    const response = jsonError(unavailable());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: 'The portal cannot reach its database right now. Try again in a few seconds.', retry_after_seconds: 5 },
    });
  });
});
