import 'server-only';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';

// Sign-in attempts are counted in Postgres, so every portal instance sees the same count and a
// lockout holds across all of them. Each attempt is counted before the password is checked, in one
// atomic statement per key, so parallel guesses cannot all slip in under the limit; a successful
// sign-in gives its attempt back.
//
// Keys (as OWASP's authentication guidance advises): `pair:<email>|<address>` for an account tried
// from one address, and `ip:<address>` for everything tried from an address. Going over a key's
// limit locks that key for one minute, then two, four… up to AUTH_LOCKOUT_MINUTES; attempts made
// during a lockout are refused without being counted, so they cannot extend it. A stranger guessing
// an account's password from their own address therefore locks only themselves out.

export function throttleKeys(email: string, ip: string | null): string[] {
  const account = email.trim().toLowerCase();
  const address = ip ?? 'unknown';
  return [`pair:${account}|${address}`, ...(ip ? [`ip:${ip}`] : [])];
}

const limitFor = (key: string) => {
  const { AUTH_MAX_FAILURES_PER_ACCOUNT, AUTH_MAX_FAILURES_PER_IP } = env();
  return key.startsWith('ip:') ? AUTH_MAX_FAILURES_PER_IP : AUTH_MAX_FAILURES_PER_ACCOUNT;
};

/** Lockouts double from one minute and are capped; a key's lockout count is forgotten after a quiet day. */
const FIRST_LOCKOUT_MINUTES = 1;

/**
 * Counts an attempt against every key. Returns false (refuse, without checking the password) when
 * a key is locked, or when this attempt goes over its limit, which starts the key's next lockout.
 */
export async function admitAttempt(keys: string[]): Promise<boolean> {
  const { AUTH_LOCKOUT_MINUTES } = env();
  return withElevated('auth.throttle', async (tx) => {
    let admitted = true;
    for (const key of keys) {
      // A locked key is left exactly as it is; a window older than AUTH_LOCKOUT_MINUTES starts over.
      const row = await tx.one<{ locked: boolean; failures: number; lockouts: number }>(
        `insert into public.auth_throttle as t (key, failures, window_started_at)
         values ($1, 1, now())
         on conflict (key) do update set
           failures = case when t.locked_until > now() then t.failures
                           when t.window_started_at < now() - make_interval(mins => $2) then 1
                           else t.failures + 1 end,
           window_started_at = case when t.locked_until > now() then t.window_started_at
                                    when t.window_started_at < now() - make_interval(mins => $2) then now()
                                    else t.window_started_at end,
           lockouts = case when coalesce(t.locked_until, t.window_started_at) < now() - interval '1 day' then 0 else t.lockouts end
         returning coalesce(t.locked_until > now(), false) as locked, t.failures, t.lockouts`,
        [key, AUTH_LOCKOUT_MINUTES],
      );
      if (!row || row.locked) {
        admitted = false;
      } else if (row.failures > limitFor(key)) {
        admitted = false;
        const minutes = Math.min(FIRST_LOCKOUT_MINUTES * 2 ** Math.min(row.lockouts, 20), AUTH_LOCKOUT_MINUTES);
        await tx.query(
          `update public.auth_throttle
              set locked_until = now() + make_interval(secs => $2), lockouts = lockouts + 1, failures = 0, window_started_at = now()
            where key = $1`,
          [key, minutes * 60],
        );
      }
    }
    return admitted;
  });
}

/** After a correct password: the account starts afresh from this address, and the address gets this attempt back. */
export async function recordSuccess(keys: string[]): Promise<void> {
  await withElevated('auth.throttle', async (tx) => {
    for (const key of keys) {
      if (key.startsWith('pair:')) await tx.query(`delete from public.auth_throttle where key = $1`, [key]);
      else await tx.query(`update public.auth_throttle set failures = greatest(failures - 1, 0) where key = $1`, [key]);
    }
  });
}
