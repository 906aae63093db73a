// The client's address is the socket's unless configured proxies vouch for X-Forwarded-For.
import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, parseProxyTrust } from './client-ip';

const none = parseProxyTrust(undefined, undefined);

describe('client address', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', none)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', ['1.2.3.4', '5.6.7.8'], none)).toBe('203.0.113.9');
  });

  it('reads one entry per trusted proxy, from the right', () => {
    const one = parseProxyTrust('1', undefined);
    expect(clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7', one)).toBe('203.0.113.7');
    const two = parseProxyTrust('2', undefined);
    expect(clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7', two)).toBe('198.51.100.1');
    // Fewer entries than proxies: the leftmost is all there is.
    expect(clientAddress('10.0.0.2', undefined, two)).toBe('10.0.0.2');
  });

  it('skips listed proxies and stops at the first address that is not one', () => {
    const listed = parseProxyTrust(undefined, '10.0.0.0/8, 192.0.2.1');
    expect(clientAddress('10.1.2.3', '198.51.100.1, 203.0.113.7, 192.0.2.1', listed)).toBe('203.0.113.7');
    // A client connecting directly is not a listed proxy: what it writes is ignored.
    expect(clientAddress('203.0.113.50', '1.1.1.1', listed)).toBe('203.0.113.50');
  });

  it('never returns what is not an address', () => {
    const one = parseProxyTrust('1', undefined);
    expect(clientAddress('10.0.0.2', 'not-an-ip', one)).toBe('10.0.0.2');
    expect(clientAddress(undefined, '1.2.3.4', one)).toBeNull();
    expect(normalizeAddress('[::1]')).toBe('::1');
    expect(normalizeAddress("1.2.3.4'; drop table")).toBeNull();
  });

  it('refuses a bad configuration with a message naming it', () => {
    expect(() => parseProxyTrust('-1', undefined)).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => parseProxyTrust(undefined, '10.0.0.0/8,bogus')).toThrow(/TRUSTED_PROXIES.*bogus/);
  });
});
