import 'server-only';
import type { UserContext } from '@/lib/auth/guards';

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  memberCount: number;
  createdAt: string;
}

/** Every organization on the platform, for superadmins (RLS lets only them see all rows). */
export async function listTenants(ctx: UserContext): Promise<TenantSummary[]> {
  const rows = await ctx.db((tx) =>
    tx.query<{ id: string; slug: string; name: string; status: 'active' | 'suspended'; member_count: number; created_at: Date }>(
      `select o.id, o.slug, o.name, o.status, o.created_at,
              (select count(*)::int from public.memberships m where m.org_id = o.id) as member_count
         from public.organizations o
        order by o.name
        limit 200`,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    memberCount: r.member_count,
    createdAt: r.created_at.toISOString(),
  }));
}
