// Browser side of signing in and out: next-auth's own REST endpoints, called the way its React
// client calls them, without that client (and its session polling) on every page.

async function csrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { headers: { accept: 'application/json' } });
  const body = (await res.json()) as { csrfToken?: string };
  return body.csrfToken ?? '';
}

async function post(path: string, fields: Record<string, string>): Promise<{ res: Response; url: string | null }> {
  const res = await fetch(`/api/auth/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: window.location.href, json: 'true' }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  return { res, url: body.url ?? null };
}

/**
 * Signs in with email and password. `error` is next-auth's code (e.g. `CredentialsSignin`, or the
 * throttle's own) when it refused; the session cookie is set when `ok`.
 */
export async function signInWithPassword(email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
  const { res, url } = await post('callback/credentials', { email, password });
  const error = url ? new URL(url, window.location.origin).searchParams.get('error') : 'CredentialsSignin';
  return { ok: res.ok && !error, error };
}

/** Ends the session, then loads `to` as a new page so nothing of the signed-in one stays in memory. */
export async function signOutTo(to: string): Promise<void> {
  await post('signout', {});
  window.location.href = to;
}
