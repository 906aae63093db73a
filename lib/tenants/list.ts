import 'server-only';
import type { UserContext } from '@/lib/auth/guards';
import { forbidden } from '@/lib/http/errors';
import type { HealthStatus } from '@/lib/endpoints/transitions';
import type { TenantListFilters } from '@/lib/validations/whatsapp';

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  memberCount: number;
  endpointName: string | null;
  health: HealthStatus | null;
  lastHealthCheck: string | null;
  alerting: boolean;
}

export interface TenantPage {
  tenants: TenantSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export const TENANT_PAGE_SIZE = 25;

/** The tenant list is platform work: superadmins only (RLS would show anyone else just their own). */
function requirePlatform(ctx: UserContext): void {
  if (!ctx.user.isSuperadmin) throw forbidden();
}

/** `%`, `_` and `\` typed into the search box are literal characters, not patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Filters go into one WHERE clause shared by the page query and its count.
const WHERE = `
  where ($1::text is null or o.name ilike $1 or o.slug ilike $1)
    and ($2::text is null
         or ($2 = 'none' and c.tenant_id is null)
         or ($2 = 'alert' and c.alert_raised_at is not null)
         or c.health_status = $2)
    and ($3::text is null or c.endpoint_name = $3)`;

/**
 * Every organization on the platform with its WhatsApp endpoint and health, for superadmins (RLS
 * lets only them see all rows), searched by name or slug and paged on the server.
 */
export async function searchTenants(ctx: UserContext, filters: TenantListFilters): Promise<TenantPage> {
  requirePlatform(ctx);
  const params = [filters.q ? likePattern(filters.q) : null, filters.health ?? null, filters.endpoint ?? null];
  const { rows, total, page, pageCount } = await ctx.db(async (tx) => {
    const count = await tx.one<{ n: number }>(
      `select count(*)::int as n
         from public.organizations o left join public.tenant_whatsapp_config c on c.tenant_id = o.id ${WHERE}`,
      params,
    );
    const total = count?.n ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / TENANT_PAGE_SIZE));
    const page = Math.min(filters.page, pageCount);
    const rows = await tx.query<{
      id: string;
      slug: string;
      name: string;
      status: 'active' | 'suspended';
      member_count: number;
      endpoint_name: string | null;
      health_status: HealthStatus | null;
      last_health_check: Date | null;
      alert_raised_at: Date | null;
    }>(
      `select o.id, o.slug, o.name, o.status,
              (select count(*)::int from public.memberships m where m.org_id = o.id) as member_count,
              c.endpoint_name, c.health_status, c.last_health_check, c.alert_raised_at
         from public.organizations o left join public.tenant_whatsapp_config c on c.tenant_id = o.id
         ${WHERE}
        order by o.name, o.id
        limit $4 offset $5`,
      [...params, TENANT_PAGE_SIZE, (page - 1) * TENANT_PAGE_SIZE],
    );
    return { rows, total, page, pageCount };
  });
  return {
    tenants: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      memberCount: r.member_count,
      endpointName: r.endpoint_name,
      health: r.health_status,
      lastHealthCheck: r.last_health_check?.toISOString() ?? null,
      alerting: r.alert_raised_at !== null,
    })),
    total,
    page,
    pageSize: TENANT_PAGE_SIZE,
    pageCount,
  };
}

/** One tenant's name and slug, for the superadmin's tenant pages. */
export async function getTenant(ctx: UserContext, id: string): Promise<{ id: string; name: string; slug: string } | undefined> {
  requirePlatform(ctx);
  return ctx.db((tx) => tx.one<{ id: string; name: string; slug: string }>(`select id, name, slug from public.organizations where id = $1`, [id]));
}
