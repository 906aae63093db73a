'use server';

import { setActiveOrganization } from '@/lib/auth/session';
import { publicAction, userAction } from '@/lib/http/action';
import { acceptInvitation, joinWithNewAccount } from '@/lib/team/invitations';
import { invitationTokenSchema, joinWithAccountSchema } from '@/lib/validations/membership';

/** A signed-in person joins with the link; the organization becomes their active one. */
export const acceptInvitationAction = userAction({ schema: invitationTokenSchema }, async ({ token }, ctx) => {
  const joined = await acceptInvitation(ctx, token);
  await setActiveOrganization(joined.orgId);
  return { joined: true };
});

/** Someone without an account creates one from the link (they then sign in with it). */
export const joinWithAccountAction = publicAction({ schema: joinWithAccountSchema }, async (input) => {
  const joined = await joinWithNewAccount(input);
  await setActiveOrganization(joined.orgId);
  return { joined: true };
});
