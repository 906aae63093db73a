// Where to send someone after they sign in: only a path on this portal. The value is resolved the
// way a browser resolves it (tabs and newlines dropped, backslashes read as slashes, dot segments
// removed), and a path that would start with two slashes, which a browser reads as another host
// (`//evil.example`), is refused.
const base = 'https://portal.invalid';

export function safeReturnPath(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '/';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  // What the browser would make of the answer must still be this portal.
  return new URL(path, base).origin === base ? path : '/';
}
