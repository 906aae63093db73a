import 'server-only';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { ProbeFailure } from './define.server';

// Addresses a tenant types (an SMTP host, a self-hosted DocuSeal URL, a CTOS endpoint) must not make
// the portal reach into its own network: loopback, private, link-local (cloud metadata at
// 169.254.169.254), carrier-grade NAT and the like are refused. The check runs on the address the
// connection is actually made to, after DNS, so a name that resolves (or re-resolves) to a private
// address is refused too. ALLOW_PRIVATE_PROVIDER_HOSTS=true lifts it for development and tests.

export function privateHostsAllowed(): boolean {
  return process.env.ALLOW_PRIVATE_PROVIDER_HOSTS === 'true';
}

/** True for globally routable unicast addresses only. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export const privateHostFailure = () =>
  new ProbeFailure(
    'unreachable',
    'That address points into a private network, which the portal does not connect to.',
    "Use the provider's public host name.",
  );

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup that fails for private addresses: handed to the connector of tenant-entered hosts. */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || !list.every((a) => isPublicAddress(a.address))) {
      const error: NodeJS.ErrnoException = new Error('private address refused');
      error.code = 'EPRIVATEADDRESS';
      return callback(error, []);
    }
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

/**
 * Resolves a tenant-entered host once and returns the address to connect to (so the check and the
 * connection use the same address). Throws ProbeFailure for private or unknown hosts.
 */
export async function resolveUserHost(host: string): Promise<string> {
  if (ipaddr.isValid(host)) {
    if (!isPublicAddress(host) && !privateHostsAllowed()) throw privateHostFailure();
    return host;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAsync(host, { all: true });
  } catch {
    throw new ProbeFailure('unreachable', `The host ${host} could not be found.`, 'Check the host name for typos.');
  }
  if (!privateHostsAllowed() && (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address)))) {
    throw privateHostFailure();
  }
  return addresses[0]!.address;
}

/** Whether a URL's host is a literal private address (names are checked at connect time). */
export function isPrivateLiteral(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) && !isPublicAddress(bare);
}
