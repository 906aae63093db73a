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

/**
 * The IPv4 address an IPv6 address carries, for every form that embeds one: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, e.g. ::7f00:1), IPv4-translated (::ffff:0:a.b.c.d),
 * NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::). Null for other IPv6 addresses.
 */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.toNormalizedString().split(':').map((p) => parseInt(p, 16));
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const zeros = (from: number, to: number) => parts.slice(from, to).every((p) => p === 0);
  if (zeros(0, 5) && (parts[5] === 0 || parts[5] === 0xffff)) return v4(parts[6]!, parts[7]!); // compatible, mapped
  if (zeros(0, 4) && parts[4] === 0xffff && parts[5] === 0) return v4(parts[6]!, parts[7]!); // translated
  if (parts[0] === 0x64 && parts[1] === 0xff9b && zeros(2, 6)) return v4(parts[6]!, parts[7]!); // NAT64
  if (parts[0] === 0x2002) return v4(parts[1]!, parts[2]!); // 6to4
  return null;
}

/** True for globally routable unicast addresses only, judging an IPv6 address by the IPv4 it embeds. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner) return inner.range() === 'unicast';
    // Teredo tunnels hide their IPv4 endpoint; nothing a provider uses.
    return v6.range() === 'unicast';
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
