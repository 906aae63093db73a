import * as z from 'zod/mini';
import './locale';
import { orgRoleSchema, preprocess } from './common';

export { orgRoles, orgRoleSchema, type OrgRole } from './common';

export const updateMemberRoleSchema = z.object({
  membershipId: z.uuid('Unknown member.'),
  role: orgRoleSchema,
});
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleSchema>;

export const switchOrganizationSchema = z.object({
  orgId: z.uuid('Unknown organization.'),
});

const email = (message: string) => z.string().check(z.trim(), z.toLowerCase(), z.email(message), z.maxLength(254));

/** Inviting someone by email: an invitation bound to that address, which they accept. */
export const inviteByEmailSchema = z.object({
  email: email('Enter the person’s email address.'),
  role: orgRoleSchema,
});
export type InviteByEmailInput = z.infer<typeof inviteByEmailSchema>;

export const removeMemberSchema = z.object({ membershipId: z.uuid('Unknown member.') });

export const invitationExpiryDays = [1, 7, 14] as const;

export const createInvitationSchema = z.object({
  role: orgRoleSchema,
  /** Optional: only this person may accept. */
  email: preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.optional(email('Enter a valid email, or leave it empty.')),
  ),
  expires_in_days: z.coerce.number().check(z.refine((d) => (invitationExpiryDays as readonly number[]).includes(d), 'Choose 1, 7 or 14 days.')),
});
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;
export type NewInvitation = z.output<typeof createInvitationSchema>;

export const revokeInvitationSchema = z.object({ id: z.uuid('Unknown invitation.') });

export const invitationTokenSchema = z.object({ token: z.string().check(z.regex(/^sbi_[A-Za-z0-9_-]{43}$/, 'This invitation link is not valid.')) });

/** A new account created from an invitation. */
export const joinWithAccountSchema = z.extend(invitationTokenSchema, {
  name: z.string().check(z.trim(), z.minLength(1, 'Enter your name.'), z.maxLength(120, 'Keep your name under 120 characters.')),
  email: email('Enter your email address.'),
  password: z.string().check(z.minLength(12, 'Use at least 12 characters.'), z.maxLength(200, 'Use at most 200 characters.')),
});
export type JoinWithAccountInput = z.infer<typeof joinWithAccountSchema>;
