'use server';

import { revalidatePath } from 'next/cache';
import { orgAction } from '@/lib/http/action';
import { updateMemberRole } from '@/lib/team/members';
import { updateMemberRoleSchema } from '@/lib/validations/membership';

export const updateMemberRoleAction = orgAction({ roles: ['admin'], schema: updateMemberRoleSchema }, async (input, ctx) => {
  const member = await updateMemberRole(ctx, input);
  revalidatePath('/settings/team');
  return { membershipId: member.membershipId, name: member.name, role: member.role };
});
