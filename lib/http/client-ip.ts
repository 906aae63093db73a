/**
 * The client's address as seen by the nearest proxy: the last X-Forwarded-For entry (Next.js adds
 * the socket address when no proxy did). Run production behind a proxy that appends it.
 */
export function clientIpFrom(forwardedFor: string | string[] | null | undefined): string | null {
  const value = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const last = value.split(',').map((part) => part.trim()).filter(Boolean).pop();
  if (!last || !/^[0-9a-fA-F:.]+$/.test(last)) return null;
  return last.replace(/^::ffff:/, '');
}
