// Which address a request came from. Only the portal's own HTTP server (scripts/server.ts) can tell:
// it sees the socket, and it knows how many proxies stand in front of it. It decides once per
// request and hands the answer to the app in a header whose name is random per process, so a client
// cannot send it. Anything else a client writes (X-Forwarded-For included) is trusted only as far as
// the configured proxies vouch for it.
import ipaddr from 'ipaddr.js';

/** The environment variable holding this process's header name (set by the portal's server). */
export const CLIENT_ADDRESS_HEADER_ENV = 'SWITCHBOARD_CLIENT_ADDRESS_HEADER';

export interface ProxyTrust {
  /** How many proxies in front of the portal append to X-Forwarded-For (TRUSTED_PROXY_COUNT). */
  count: number;
  /** Proxy addresses or CIDR ranges whose X-Forwarded-For entries are believed (TRUSTED_PROXIES). */
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** Reads TRUSTED_PROXY_COUNT and TRUSTED_PROXIES; throws a message naming the bad entry. */
export function parseProxyTrust(count: string | undefined, list: string | undefined): ProxyTrust {
  const n = count === undefined || count.trim() === '' ? 0 : Number(count);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error('TRUSTED_PROXY_COUNT must be a whole number from 0 to 10');
  const ranges = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): [ipaddr.IPv4 | ipaddr.IPv6, number] => {
      try {
        if (entry.includes('/')) return ipaddr.parseCIDR(entry);
        const address = ipaddr.parse(entry);
        return [address, address.kind() === 'ipv4' ? 32 : 128];
      } catch {
        throw new Error(`TRUSTED_PROXIES has an entry that is not an address or range: ${entry.slice(0, 60)}`);
      }
    });
  return { count: n, ranges };
}

/** An address in its plain form (IPv4-mapped IPv6 as IPv4), or null when it is not an address. */
export function normalizeAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  const trimmed = value.trim().replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(trimmed)) return null;
  const parsed = ipaddr.process(trimmed);
  return parsed.toString();
}

function trusted(address: string, trust: ProxyTrust): boolean {
  if (trust.ranges.length === 0) return false;
  const parsed = ipaddr.process(address);
  return trust.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/**
 * The client's address: the socket's, unless it is a trusted proxy; then X-Forwarded-For is read from
 * the right, one entry per trusted proxy (by count) or while entries are trusted proxies (by list).
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | string[] | undefined, trust: ProxyTrust): string | null {
  const peer = normalizeAddress(socket);
  if (!peer) return null;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = [...chain, peer];
  let index = hops.length - 1;
  if (trust.ranges.length > 0) {
    while (index > 0 && trusted(hops[index]!, trust)) index--;
  } else {
    index = Math.max(0, index - trust.count);
  }
  // A forwarded entry that is not an address was written by the client itself: fall back to the
  // nearest hop that is one.
  for (let i = index; i < hops.length; i++) {
    const address = normalizeAddress(hops[i]);
    if (address) return address;
  }
  return peer;
}

/** Inside the app: the address the portal's server determined for this request, or null. */
export function clientIpFrom(getHeader: (name: string) => string | null | undefined): string | null {
  const name = process.env[CLIENT_ADDRESS_HEADER_ENV];
  if (!name) return null;
  return normalizeAddress(getHeader(name) ?? null);
}
