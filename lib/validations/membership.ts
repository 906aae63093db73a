import { z } from 'zod';

export const orgRoles = ['admin', 'manager', 'agent'] as const;
export const orgRoleSchema = z.enum(orgRoles, 'Choose admin, manager or agent.');

export const updateMemberRoleSchema = z.object({
  membershipId: z.uuid('Unknown member.'),
  role: orgRoleSchema,
});
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleSchema>;

export const switchOrganizationSchema = z.object({
  orgId: z.uuid('Unknown organization.'),
});

export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter the person’s email address.').max(254),
  role: orgRoleSchema,
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const removeMemberSchema = z.object({ membershipId: z.uuid('Unknown member.') });
