import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';
import { clientIpFrom } from '@/lib/http/client-ip';
import { logger } from '@/lib/log';
import { SIGN_IN_THROTTLED, signInSchema } from '@/lib/validations/auth';
import { verifyPassword } from './password';
import { admitAttempt, recordSuccess, throttleKeys } from './throttle';

const SESSION_HOURS = 8;

async function authorize(raw: unknown, headers: Record<string, unknown> | undefined) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const keys = throttleKeys(email, clientIpFrom((name) => {
    const value = headers?.[name];
    return typeof value === 'string' ? value : null;
  }));
  if (!(await admitAttempt(keys))) {
    logger.warn({ event: 'sign_in_throttled' }, 'sign-in refused by throttle');
    throw new Error(SIGN_IN_THROTTLED);
  }

  const user = await withElevated('auth.sign-in', (tx) =>
    tx.one<{ id: string; email: string; name: string; password_hash: string | null }>(
      `select id, email, name, password_hash from public.users where lower(email) = $1`,
      [email],
    ),
  );
  const valid = await verifyPassword(user?.password_hash, password);
  if (!user || !valid) {
    logger.info({ event: 'sign_in_failed' }, 'sign-in failed');
    return null;
  }
  await recordSuccess(keys);
  logger.info({ event: 'sign_in', userId: user.id }, 'signed in');
  return { id: user.id, email: user.email, name: user.name };
}

// Built per call, not at import, so that `next build` does not need the runtime secrets.
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: (credentials, req) => authorize(credentials, req.headers),
      }),
    ],
    // next-auth's own logger prints stack traces; only its error code reaches the portal's log.
    logger: {
      error: (code) => logger.warn({ event: 'next_auth_error', code }, 'next-auth error'),
      warn: (code) => logger.warn({ event: 'next_auth_warning', code }, 'next-auth warning'),
      debug: () => undefined,
    },
    callbacks: {
      session({ session, token }) {
        // Only the user id travels in the session; everything else is re-read from the database per request.
        return { ...session, user: { ...session.user, id: token.sub ?? '' } };
      },
    },
  };
}
