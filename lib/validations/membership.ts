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

export const invitationExpiryDays = [1, 7, 14] as const;

export const createInvitationSchema = z.object({
  role: orgRoleSchema,
  /** Optional: only this person may accept. */
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().toLowerCase().email('Enter a valid email, or leave it empty.').max(254).optional()),
  expires_in_days: z.coerce.number().refine((d) => (invitationExpiryDays as readonly number[]).includes(d), 'Choose 1, 7 or 14 days.'),
});
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;
export type NewInvitation = z.output<typeof createInvitationSchema>;

export const revokeInvitationSchema = z.object({ id: z.uuid('Unknown invitation.') });

export const invitationTokenSchema = z.object({ token: z.string().regex(/^sbi_[A-Za-z0-9_-]{43}$/, 'This invitation link is not valid.') });

/** A new account created from an invitation. */
export const joinWithAccountSchema = invitationTokenSchema.extend({
  name: z.string().trim().min(1, 'Enter your name.').max(120, 'Keep your name under 120 characters.'),
  email: z.string().trim().toLowerCase().email('Enter your email address.').max(254),
  password: z.string().min(12, 'Use at least 12 characters.').max(200, 'Use at most 200 characters.'),
});
export type JoinWithAccountInput = z.infer<typeof joinWithAccountSchema>;
