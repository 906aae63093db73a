import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseEnv } from './schema';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  NEXTAUTH_SECRET: 'x'.repeat(40),
  INTEGRATIONS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
};

describe('environment validation', () => {
  it('accepts a complete environment and fills defaults', () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.AUTH_MAX_FAILURES_PER_ACCOUNT).toBe(5);
  });

  it('names each missing secret', () => {
    expect(() => parseEnv({ DATABASE_URL: valid.DATABASE_URL })).toThrow(
      /NEXTAUTH_SECRET is not set[\s\S]*INTEGRATIONS_ENCRYPTION_KEYS is not set/,
    );
  });

  it('explains a malformed value without echoing it', () => {
    const secretLooking = 'k1:not-a-32-byte-key-canary-7731';
    let message = '';
    try {
      parseEnv({ ...valid, INTEGRATIONS_ENCRYPTION_KEYS: secretLooking });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('INTEGRATIONS_ENCRYPTION_KEYS must be comma-separated kid:base64key entries');
    expect(message).not.toContain('canary-7731');
  });

  it('accepts several keys for rotation', () => {
    const keys = `new:${randomBytes(32).toString('base64')},old:${randomBytes(32).toString('base64')}`;
    expect(parseEnv({ ...valid, INTEGRATIONS_ENCRYPTION_KEYS: keys }).INTEGRATIONS_ENCRYPTION_KEYS).toBe(keys);
  });

  it('refuses a database URL that is not postgres', () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL must be a postgres/);
  });
});
