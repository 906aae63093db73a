'use server';

import { cookies } from 'next/headers';
import { ACTIVE_ORG_COOKIE } from '@/lib/auth/session';
import { publicAction, userAction } from '@/lib/http/action';
import { acceptInvitation, joinWithNewAccount } from '@/lib/team/invitations';
import { invitationTokenSchema, joinWithAccountSchema } from '@/lib/validations/membership';

async function makeActive(orgId: string) {
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
}

/** A signed-in person joins with the link; the organization becomes their active one. */
export const acceptInvitationAction = userAction({ schema: invitationTokenSchema }, async ({ token }, ctx) => {
  const joined = await acceptInvitation(ctx, token);
  await makeActive(joined.orgId);
  return { joined: true };
});

/** Someone without an account creates one from the link (they then sign in with it). */
export const joinWithAccountAction = publicAction({ schema: joinWithAccountSchema }, async (input) => {
  const joined = await joinWithNewAccount(input);
  await makeActive(joined.orgId);
  return { joined: true };
});
