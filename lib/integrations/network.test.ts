import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './network';

describe('which addresses the portal connects to for tenant-entered hosts', () => {
  it('refuses private, loopback and link-local targets in every IPv6 spelling that embeds IPv4', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::7f00:1', // IPv4-compatible 127.0.0.1
      '::a9fe:a9fe', // IPv4-compatible 169.254.169.254
      '::127.0.0.1',
      '::ffff:0:a00:1', // IPv4-translated 10.0.0.1
      '64:ff9b::a9fe:a9fe', // NAT64 169.254.169.254
      '2002:a9fe:a9fe::1', // 6to4 169.254.169.254
      '2002:7f00:1::',
      'fe80::1',
      'fd00::1',
      '2001::1', // Teredo
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('accepts public unicast addresses', () => {
    for (const address of ['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});
