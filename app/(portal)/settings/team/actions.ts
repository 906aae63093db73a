'use server';

import { revalidatePath } from 'next/cache';
import * as z from 'zod/mini';
import { actorFromSession } from '@/lib/auth/actor';
import { orgAction } from '@/lib/http/action';
import { after } from 'next/server';
import { logger } from '@/lib/log';
import { assignNumber, setPrimaryNumber } from '@/lib/phone/numbers';
import { runSync, startSync } from '@/lib/phone/sync';
import { createInvitation, revokeInvitation } from '@/lib/team/invitations';
import { inviteByEmail, removeMember, updateMemberRole } from '@/lib/team/members';
import { createInvitationSchema, inviteByEmailSchema, removeMemberSchema, revokeInvitationSchema, updateMemberRoleSchema } from '@/lib/validations/membership';
import { integrationTypeSchema } from '@/lib/validations/common';
import { assignNumberSchema, primaryNumberObject } from '@/lib/validations/phone-numbers';
import { placeCallSchema } from '@/lib/validations/gateway';
import { acceptSend } from '@/lib/gateway/accept';
import { callRequest } from '@/lib/gateway/calls';

export const updateMemberRoleAction = orgAction({ roles: ['admin'], schema: updateMemberRoleSchema }, async (input, ctx) => {
  const member = await updateMemberRole(actorFromSession(ctx), input);
  revalidatePath('/settings/team');
  return { membershipId: member.membershipId, name: member.name, role: member.role };
});

/** Invites a person by email; the link is shown once to the admin, who passes it on. */
export const inviteByEmailAction = orgAction({ roles: ['admin'], schema: inviteByEmailSchema }, async (input, ctx) => {
  const created = await inviteByEmail(actorFromSession(ctx), input);
  revalidatePath('/settings/team');
  return { path: `/invite/${created.token}`, expiresAt: created.expiresAt };
});

export const removeMemberAction = orgAction({ roles: ['admin'], schema: removeMemberSchema }, async (input, ctx) => {
  const result = await removeMember(actorFromSession(ctx), input.membershipId);
  revalidatePath('/settings/team');
  return result;
});

const numberId = z.uuid('Unknown phone number.');

export const assignNumberAction = orgAction({ roles: ['admin', 'manager'], schema: z.extend(assignNumberSchema, { id: numberId }) }, async ({ id, ...input }, ctx) => {
  const { number, changed } = await assignNumber(actorFromSession(ctx), id, input);
  revalidatePath('/settings/team');
  return { changed, phone: number.phone_number, assignee: number.assignee?.name ?? null, version: number.version };
});

export const setPrimaryNumberAction = orgAction(
  { roles: ['admin', 'manager'], schema: z.extend(primaryNumberObject, { id: numberId }) },
  async ({ id }, ctx) => {
    const { number, changed } = await setPrimaryNumber(actorFromSession(ctx), id);
    revalidatePath('/settings/team');
    return { changed, phone: number.phone_number };
  },
);

/**
 * Starts a sync and answers at once; it runs after the response (so the page's other actions are
 * not queued behind it), and the page follows its progress.
 */
export const syncNumbersAction = orgAction(
  { roles: ['admin'], schema: z.object({ type: integrationTypeSchema() }) },
  async ({ type }, ctx) => {
    const actor = actorFromSession(ctx);
    const started = await startSync(actor, type);
    after(async () => {
      await runSync(actor, type, started).catch((error: unknown) =>
        logger.warn({ source: type, err: error instanceof Error ? error.message : String(error) }, 'phone number sync did not complete'),
      );
    });
    return { syncId: started.syncId };
  },
);

/** Creates an invitation link; the response carries it in full, the only time it is shown. */
export const createInvitationAction = orgAction({ roles: ['admin'], schema: createInvitationSchema }, async (input, ctx) => {
  const created = await createInvitation(actorFromSession(ctx), input);
  revalidatePath('/settings/team');
  return { path: `/invite/${created.token}`, expiresAt: created.expiresAt };
});

export const revokeInvitationAction = orgAction({ roles: ['admin'], schema: revokeInvitationSchema }, async (input, ctx) => {
  await revokeInvitation(actorFromSession(ctx), input.id);
  revalidatePath('/settings/team');
  return { revoked: true };
});

/** Click-to-call from one of the caller's own numbers: their phone rings first, then `to`. Any member. */
export const placeCallAction = orgAction({ roles: ['admin', 'manager', 'agent'], schema: placeCallSchema }, async (input, ctx) => {
  const actor = actorFromSession(ctx);
  const request = await callRequest(actor, { to: input.to, record: input.record }, { numberId: input.numberId });
  const accepted = await acceptSend(actor, request, { key: null, body: input, path: 'portal:call' });
  return { id: accepted.body.id };
});
