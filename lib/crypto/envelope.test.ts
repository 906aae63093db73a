import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, envelopeKeyId, open, parseKeyring, seal } from './envelope';

const key = () => randomBytes(32).toString('base64');
const acme = { orgId: '11111111-1111-4111-8111-111111111111', integrationType: 'exotel_phone' };
const globex = { orgId: '22222222-2222-4222-8222-222222222222', integrationType: 'exotel_phone' };

describe('credential envelopes', () => {
  const keyring = parseKeyring(`k2:${key()},k1:${key()}`);

  it('round-trips with a fresh IV each time, sealed with the first key', () => {
    const a = seal(keyring, acme, '{"api_token":"canary"}');
    const b = seal(keyring, acme, '{"api_token":"canary"}');
    expect(a.kid).toBe('k2');
    expect(envelopeKeyId(a.envelope)).toBe('k2');
    expect(a.envelope).not.toBe(b.envelope);
    expect(a.envelope).not.toContain('canary');
    expect(open(keyring, acme, a.envelope)).toBe('{"api_token":"canary"}');
  });

  it('refuses a ciphertext moved to another organization or integration, with a clear error', () => {
    const { envelope } = seal(keyring, acme, 'secret');
    expect(() => open(keyring, globex, envelope)).toThrow(DecryptionError);
    expect(() => open(keyring, globex, envelope)).toThrow(/do not belong to this organization/);
    expect(() => open(keyring, { ...acme, integrationType: 'twilio' }, envelope)).toThrow(DecryptionError);
  });

  it('refuses a relabelled key id, a flipped bit and an unknown key', () => {
    const { envelope } = seal(keyring, acme, 'secret');
    const parts = envelope.split('.');
    expect(() => open(keyring, acme, ['v1', 'k1', ...parts.slice(2)].join('.'))).toThrow(DecryptionError);
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    expect(() => open(keyring, acme, [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.'))).toThrow(DecryptionError);
    const other = parseKeyring(`k9:${key()}`);
    expect(() => open(other, acme, envelope)).toThrow(/no longer lists/);
    expect(() => open(keyring, acme, 'plain text')).toThrow(/format/);
  });

  it('opens envelopes sealed with an older key still in the ring', () => {
    const old = parseKeyring(`k1:${keyring.byId.get('k1')!.toString('base64')}`);
    const { envelope, kid } = seal(old, acme, 'from before the rotation');
    expect(kid).toBe('k1');
    expect(open(keyring, acme, envelope)).toBe('from before the rotation');
  });

  it('rejects malformed keyrings', () => {
    expect(() => parseKeyring('')).toThrow();
    expect(() => parseKeyring('k1:short')).toThrow(/32 bytes/);
    const k = key();
    expect(() => parseKeyring(`k1:${k},k1:${k}`)).toThrow(/twice/);
  });
});
