import 'server-only';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';

// Failed sign-in counters live in Postgres, so every portal instance sees the same count and a
// lockout holds across all of them. A key is `account:<email>` or `ip:<address>`.

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

export async function isThrottled(keys: string[]): Promise<boolean> {
  return withElevated('auth.throttle', async (tx) => {
    const row = await tx.one(
      `select 1 from public.auth_throttle where key = any($1::text[]) and locked_until > now() limit 1`,
      [keys],
    );
    return !!row;
  });
}

export async function recordFailure(keys: string[]): Promise<void> {
  const { AUTH_MAX_FAILURES_PER_ACCOUNT, AUTH_MAX_FAILURES_PER_IP, AUTH_LOCKOUT_MINUTES } = env();
  await withElevated('auth.throttle', async (tx) => {
    for (const key of keys) {
      const limit = key.startsWith('ip:') ? AUTH_MAX_FAILURES_PER_IP : AUTH_MAX_FAILURES_PER_ACCOUNT;
      // One atomic upsert: a window older than the lockout period starts over at one failure.
      await tx.query(
        `insert into public.auth_throttle as t (key, failures, window_started_at, locked_until)
         values ($1, 1, now(), case when $2 <= 1 then now() + make_interval(mins => $3) end)
         on conflict (key) do update set
           failures = case when t.window_started_at < now() - make_interval(mins => $3) then 1 else t.failures + 1 end,
           window_started_at = case when t.window_started_at < now() - make_interval(mins => $3) then now() else t.window_started_at end,
           locked_until = case
             when (case when t.window_started_at < now() - make_interval(mins => $3) then 1 else t.failures + 1 end) >= $2
               then now() + make_interval(mins => $3)
             else t.locked_until end`,
        [key, limit, AUTH_LOCKOUT_MINUTES],
      );
    }
  });
}

export async function clearAccountFailures(email: string): Promise<void> {
  await withElevated('auth.throttle', (tx) =>
    tx.query(`delete from public.auth_throttle where key = $1`, [`account:${email.trim().toLowerCase()}`]),
  );
}
