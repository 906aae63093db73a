import 'server-only';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';

// Sign-in attempts are counted in Postgres, so every portal instance sees the same count and a
// lockout holds across all of them. A key is `account:<email>` or `ip:<address>`. Each attempt is
// counted before the password is checked, in one atomic statement per key, so parallel guesses
// cannot all slip in under the limit; a successful sign-in gives its attempt back.

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

const limitFor = (key: string) => {
  const { AUTH_MAX_FAILURES_PER_ACCOUNT, AUTH_MAX_FAILURES_PER_IP } = env();
  return key.startsWith('ip:') ? AUTH_MAX_FAILURES_PER_IP : AUTH_MAX_FAILURES_PER_ACCOUNT;
};

/**
 * Counts an attempt against every key. Returns false (refuse, without checking the password) when
 * a key is locked or this attempt goes over its limit, which locks it for the lockout period.
 */
export async function admitAttempt(keys: string[]): Promise<boolean> {
  const { AUTH_LOCKOUT_MINUTES } = env();
  return withElevated('auth.throttle', async (tx) => {
    let admitted = true;
    for (const key of keys) {
      // A window older than the lockout period starts over at this attempt.
      const row = await tx.one<{ admitted: boolean }>(
        `insert into public.auth_throttle as t (key, failures, window_started_at)
         values ($1, 1, now())
         on conflict (key) do update set
           failures = case when t.window_started_at < now() - make_interval(mins => $3) and coalesce(t.locked_until, now()) <= now()
                           then 1 else t.failures + 1 end,
           window_started_at = case when t.window_started_at < now() - make_interval(mins => $3) and coalesce(t.locked_until, now()) <= now()
                                    then now() else t.window_started_at end
         returning (coalesce(t.locked_until, now()) <= now() and t.failures <= $2) as admitted`,
        [key, limitFor(key), AUTH_LOCKOUT_MINUTES],
      );
      if (!row?.admitted) {
        admitted = false;
        await tx.query(
          `update public.auth_throttle set locked_until = greatest(coalesce(locked_until, now()), now() + make_interval(mins => $2))
            where key = $1`,
          [key, AUTH_LOCKOUT_MINUTES],
        );
      }
    }
    return admitted;
  });
}

/** After a correct password: the account starts afresh and the address gets this attempt back. */
export async function recordSuccess(keys: string[]): Promise<void> {
  await withElevated('auth.throttle', async (tx) => {
    for (const key of keys) {
      if (key.startsWith('account:')) await tx.query(`delete from public.auth_throttle where key = $1`, [key]);
      else await tx.query(`update public.auth_throttle set failures = greatest(failures - 1, 0) where key = $1`, [key]);
    }
  });
}
