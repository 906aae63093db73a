import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import type { OrgRole } from '@/lib/db/rls';
import { AppError, forbidden, notFound } from '@/lib/http/errors';
import { recordUnassignment } from '@/lib/phone/history';
import type { InviteByEmailInput, UpdateMemberRoleInput } from '@/lib/validations/membership';
import { createInvitation } from './invitations';

/** How long an invitation sent to one address stays open. */
const INVITE_BY_EMAIL_DAYS = 7;

export interface Member {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: OrgRole;
  joinedAt: string;
}

type MemberRow = { id: string; user_id: string; name: string; email: string; role: OrgRole; created_at: Date };

const toMember = (row: MemberRow): Member => ({
  membershipId: row.id,
  userId: row.user_id,
  name: row.name,
  email: row.email,
  role: row.role,
  joinedAt: row.created_at.toISOString(),
});

/** The active organization's members, for its admins and team leads. */
export async function listMembers(actor: Actor): Promise<Member[]> {
  if (actor.role !== 'admin' && actor.role !== 'manager') throw forbidden();
  const rows = await actor.db((tx) =>
    tx.query<MemberRow>(
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m
         join public.users u on u.id = m.user_id
        where m.org_id = $1
        order by u.name, u.email`,
      [actor.orgId],
    ),
  );
  return rows.map(toMember);
}

/**
 * Changes a member's role in the active organization. Another organization's membership id is
 * reported as not found. The organization's admins are locked first, so two concurrent demotions
 * cannot leave it without an admin.
 */
export async function updateMemberRole(actor: Actor, input: UpdateMemberRoleInput): Promise<Member> {
  if (actor.role !== 'admin') throw forbidden();
  return actor.db(async (tx) => {
    const admins = await tx.query<{ id: string }>(
      `select id from public.memberships where org_id = $1 and role = 'admin' for update`,
      [actor.orgId],
    );
    const current = await tx.one<MemberRow>(
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m join public.users u on u.id = m.user_id
        where m.id = $1 and m.org_id = $2
        for update of m`,
      [input.membershipId, actor.orgId],
    );
    if (!current) throw notFound('The member');
    if (current.role === input.role) return toMember(current);
    if (current.role === 'admin' && admins.length <= 1) {
      throw new AppError(409, 'conflict', 'An organization needs at least one admin. Make someone else an admin first.');
    }
    const updated = await tx.one<{ role: OrgRole }>(
      `update public.memberships set role = $2 where id = $1 and org_id = $3 returning role`,
      [input.membershipId, input.role, actor.orgId],
    );
    if (!updated) throw notFound('The member');
    await writeAudit(tx, actor.audit, {
      action: 'member.role_changed',
      orgId: actor.orgId,
      targetType: 'membership',
      targetId: input.membershipId,
      changedFields: ['role'],
      metadata: { member: current.email, from: current.role, to: updated.role },
    });
    return toMember({ ...current, role: updated.role });
  });
}

/**
 * Invites a person by email: an invitation bound to that address, which they accept from the link
 * (signing in, or creating their account if they have none). Nobody joins an organization without
 * accepting, and the answer is the same whether or not the address has an account, so it tells an
 * admin nothing about people outside their organization. Someone already a member is refused.
 */
export async function inviteByEmail(actor: Actor, input: InviteByEmailInput): Promise<{ id: string; token: string; expiresAt: string }> {
  if (actor.role !== 'admin') throw forbidden();
  const member = await actor.db((tx) =>
    tx.one(
      `select 1 from public.memberships m join public.users u on u.id = m.user_id where m.org_id = $1 and lower(u.email) = $2`,
      [actor.orgId, input.email],
    ),
  );
  if (member) throw new AppError(409, 'conflict', `${input.email} is already a member.`, { email: ['Already a member of this organization.'] });
  return createInvitation(actor, { role: input.role, email: input.email, expires_in_days: INVITE_BY_EMAIL_DAYS });
}

/**
 * Removes a member. Their phone numbers are unassigned in the same transaction (with history and
 * audit), and the organization never loses its last admin.
 */
export async function removeMember(actor: Actor, membershipId: string): Promise<{ unassigned: number }> {
  if (actor.role !== 'admin') throw forbidden();
  return actor.db(async (tx) => {
    const admins = await tx.query<{ id: string }>(`select id from public.memberships where org_id = $1 and role = 'admin' for update`, [actor.orgId]);
    const current = await tx.one<MemberRow>(
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m join public.users u on u.id = m.user_id
        where m.id = $1 and m.org_id = $2
        for update of m`,
      [membershipId, actor.orgId],
    );
    if (!current) throw notFound('The member');
    if (current.role === 'admin' && admins.length <= 1) {
      throw new AppError(409, 'conflict', 'An organization needs at least one admin. Make someone else an admin first.');
    }
    const numbers = await tx.query<{ id: string; phone_number: string }>(
      `update public.organization_phone_numbers set assigned_to_user_id = null, version = version + 1
        where organization_id = $1 and assigned_to_user_id = $2
        returning id, phone_number`,
      [actor.orgId, current.user_id],
    );
    for (const number of numbers) {
      await recordUnassignment(tx, actor, {
        number,
        from: { userId: current.user_id, label: current.name },
        reason: 'member_removed',
        audit: { member: current.email, reason: 'member_removed' },
      });
    }
    await tx.query(
      `delete from public.user_integration_permissions where organization_id = $1 and user_id = $2`,
      [actor.orgId, current.user_id],
    );
    // Their API tokens die with the membership: a person added again later does not revive them.
    const tokens = await tx.query<{ id: string; name: string; token_prefix: string }>(
      `update public.api_tokens set revoked_at = now(), revoked_by = $3
        where organization_id = $1 and created_by = $2 and revoked_at is null
        returning id, name, token_prefix`,
      [actor.orgId, current.user_id, actor.userId],
    );
    for (const token of tokens) {
      await writeAudit(tx, actor.audit, {
        action: 'api_token.revoked',
        orgId: actor.orgId,
        targetType: 'api_token',
        targetId: token.id,
        metadata: { name: token.name, prefix: token.token_prefix, reason: 'member_removed', member: current.email },
      });
    }
    await tx.query(`delete from public.memberships where id = $1 and org_id = $2`, [membershipId, actor.orgId]);
    await writeAudit(tx, actor.audit, {
      action: 'member.removed',
      orgId: actor.orgId,
      targetType: 'membership',
      targetId: membershipId,
      metadata: { member: current.email, role: current.role, numbers_unassigned: numbers.length, api_access_revoked: tokens.length },
    });
    return { unassigned: numbers.length };
  });
}
