import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { notFound } from '@/lib/http/errors';
import type { PermissionInput } from '@/lib/validations/integrations';
import { providerOrThrow, requireAdmin } from './status';

// Per-member grants: which agents may see or use an integration. Admins and managers see every one.

export interface MemberPermission {
  userId: string;
  name: string;
  email: string;
  role: string;
  canUse: boolean;
  canViewStatus: boolean;
}

export async function listPermissions(actor: Actor, type: string): Promise<MemberPermission[]> {
  requireAdmin(actor);
  providerOrThrow(type);
  const rows = await actor.db((tx) =>
    tx.query<{ user_id: string; name: string; email: string; role: string; can_use: boolean | null; can_view_status: boolean | null }>(
      `select m.user_id, u.name, u.email, m.role, p.can_use, p.can_view_status
         from public.memberships m
         join public.users u on u.id = m.user_id
         left join public.user_integration_permissions p
           on p.organization_id = m.org_id and p.user_id = m.user_id and p.integration_type = $2
        where m.org_id = $1
        order by (m.role = 'agent') desc, u.name`,
      [actor.orgId, type],
    ),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role,
    canUse: r.can_use ?? false,
    canViewStatus: r.can_view_status ?? false,
  }));
}

export async function setPermission(actor: Actor, type: string, input: PermissionInput): Promise<MemberPermission> {
  requireAdmin(actor);
  providerOrThrow(type);
  return actor.db(async (tx) => {
    const member = await tx.one<{ name: string; email: string; role: string }>(
      `select u.name, u.email, m.role from public.memberships m join public.users u on u.id = m.user_id
        where m.org_id = $1 and m.user_id = $2`,
      [actor.orgId, input.user_id],
    );
    if (!member) throw notFound('The team member');
    const before = await tx.one<{ can_use: boolean; can_view_status: boolean }>(
      `select can_use, can_view_status from public.user_integration_permissions
        where organization_id = $1 and integration_type = $2 and user_id = $3 for update`,
      [actor.orgId, type, input.user_id],
    );
    if (!input.can_use && !input.can_view_status) {
      await tx.query(
        `delete from public.user_integration_permissions where organization_id = $1 and integration_type = $2 and user_id = $3`,
        [actor.orgId, type, input.user_id],
      );
    } else {
      await tx.query(
        `insert into public.user_integration_permissions (organization_id, user_id, integration_type, can_use, can_view_status, granted_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (organization_id, integration_type, user_id)
         do update set can_use = excluded.can_use, can_view_status = excluded.can_view_status, granted_by = excluded.granted_by`,
        [actor.orgId, input.user_id, type, input.can_use, input.can_view_status, actor.userId],
      );
    }
    const changed = [
      ...((before?.can_use ?? false) !== input.can_use ? ['can_use'] : []),
      ...((before?.can_view_status ?? false) !== input.can_view_status ? ['can_view_status'] : []),
    ];
    if (changed.length > 0) {
      await writeAudit(tx, actor.audit, {
        action: 'integration.permission_changed',
        orgId: actor.orgId,
        integrationType: type,
        targetType: 'user',
        targetId: input.user_id,
        changedFields: changed,
        metadata: { member: member.email, can_use: input.can_use, can_view_status: input.can_view_status },
      });
    }
    return { userId: input.user_id, name: member.name, email: member.email, role: member.role, canUse: input.can_use, canViewStatus: input.can_view_status };
  });
}

/** Every member with their grants on the given integration types, for the admins' access panels. */
export async function listAccess(actor: Actor, types: string[]): Promise<Record<string, MemberPermission[]>> {
  requireAdmin(actor);
  const rows = await actor.db((tx) =>
    tx.query<{ user_id: string; name: string; email: string; role: string; grants: { type: string; can_use: boolean; can_view_status: boolean }[] }>(
      `select m.user_id, u.name, u.email, m.role,
              coalesce(json_agg(json_build_object('type', p.integration_type, 'can_use', p.can_use, 'can_view_status', p.can_view_status))
                         filter (where p.id is not null), '[]') as grants
         from public.memberships m
         join public.users u on u.id = m.user_id
         left join public.user_integration_permissions p
           on p.organization_id = m.org_id and p.user_id = m.user_id and p.integration_type = any($2)
        where m.org_id = $1
        group by m.user_id, u.name, u.email, m.role
        order by (m.role = 'agent') desc, u.name`,
      [actor.orgId, types],
    ),
  );
  return Object.fromEntries(
    types.map((type) => [
      type,
      rows.map((r) => {
        const grant = r.grants.find((g) => g.type === type);
        return { userId: r.user_id, name: r.name, email: r.email, role: r.role, canUse: grant?.can_use ?? false, canViewStatus: grant?.can_view_status ?? false };
      }),
    ]),
  );
}

/** Which of these integrations the actor may use (send through, run operations on): admins every one, others what they were granted. */
export async function usableTypes(actor: Actor, types: string[]): Promise<Set<string>> {
  if (actor.role === 'admin') return new Set(types);
  const rows = await actor.db((tx) =>
    tx.query<{ integration_type: string }>(
      `select integration_type from public.user_integration_permissions
        where organization_id = $1 and user_id = $2 and can_use and integration_type = any($3)`,
      [actor.orgId, actor.userId, types],
    ),
  );
  return new Set(rows.map((r) => r.integration_type));
}
