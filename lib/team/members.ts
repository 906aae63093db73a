import 'server-only';
import type { OrgRole } from '@/lib/db/rls';
import { actorOf, type OrgContext } from '@/lib/auth/guards';
import { writeAudit } from '@/lib/audit/write';
import { AppError, notFound } from '@/lib/http/errors';
import type { UpdateMemberRoleInput } from '@/lib/validations/membership';

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

export async function listMembers(ctx: OrgContext): Promise<Member[]> {
  const rows = await ctx.db((tx) =>
    tx.query<MemberRow>(
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m
         join public.users u on u.id = m.user_id
        where m.org_id = $1
        order by u.name, u.email`,
      [ctx.orgId],
    ),
  );
  return rows.map(toMember);
}

/**
 * Changes a member's role in the active organization. Another organization's membership id is
 * reported as not found. The organization's admins are locked first, so two concurrent demotions
 * cannot leave it without an admin.
 */
export async function updateMemberRole(ctx: OrgContext, input: UpdateMemberRoleInput): Promise<Member> {
  return ctx.db(async (tx) => {
    const admins = await tx.query<{ id: string }>(
      `select id from public.memberships where org_id = $1 and role = 'admin' for update`,
      [ctx.orgId],
    );
    const current = await tx.one<MemberRow>(
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m join public.users u on u.id = m.user_id
        where m.id = $1 and m.org_id = $2
        for update of m`,
      [input.membershipId, ctx.orgId],
    );
    if (!current) throw notFound('The member');
    if (current.role === input.role) return toMember(current);
    if (current.role === 'admin' && admins.length <= 1) {
      throw new AppError(409, 'conflict', 'An organization needs at least one admin. Make someone else an admin first.');
    }
    const updated = await tx.one<{ role: OrgRole }>(
      `update public.memberships set role = $2 where id = $1 and org_id = $3 returning role`,
      [input.membershipId, input.role, ctx.orgId],
    );
    if (!updated) throw notFound('The member');
    await writeAudit(tx, actorOf(ctx), {
      action: 'member.role_changed',
      orgId: ctx.orgId,
      targetType: 'membership',
      targetId: input.membershipId,
      changedFields: ['role'],
      metadata: { member: current.email, from: current.role, to: updated.role },
    });
    return toMember({ ...current, role: updated.role });
  });
}
