import 'server-only';
import { actorOf, requireOrgRole, requireSuperadmin, type UserContext } from '@/lib/auth/guards';
import { AppError } from '@/lib/http/errors';
import type { AuditFilters } from '@/lib/validations/audit';
import { writeAudit } from './write';
import { auditCsvStream } from './csv';
import { auditDailyCounts, auditPage, type AuditScope } from './query';

export type AuditArea = 'tenant' | 'platform';

/** Who may read which trail: tenant admins their organization's, superadmins every organization's. */
export async function requireAuditReader(area: AuditArea): Promise<{ ctx: UserContext; scope: AuditScope }> {
  if (area === 'platform') return { ctx: await requireSuperadmin(), scope: { allOrgs: true } };
  const ctx = await requireOrgRole('admin');
  return { ctx, scope: { orgId: ctx.orgId } };
}

/**
 * Turns the organization filter (slug or id) into the id of an organization that exists, so an
 * export is never recorded against a made-up id. Tenant admins never filter by organization.
 */
async function resolveOrgFilter(ctx: UserContext, scope: AuditScope, filters: AuditFilters): Promise<AuditFilters> {
  if ('orgId' in scope || !filters.org) return { ...filters, org: undefined };
  const org = await ctx.db((tx) =>
    tx.one<{ id: string }>(`select id from public.organizations where slug = $1 or id::text = $1`, [filters.org]),
  );
  if (!org) throw new AppError(422, 'validation_failed', 'Some fields are invalid.', { org: ['No organization has that slug or id.'] });
  return { ...filters, org: org.id };
}

export async function readAudit(area: AuditArea, rawFilters: AuditFilters, options: { chart?: boolean } = {}) {
  const { ctx, scope } = await requireAuditReader(area);
  const filters = await resolveOrgFilter(ctx, scope, rawFilters);
  return ctx.db(async (tx) => ({
    page: await auditPage(tx, scope, filters),
    daily: options.chart ? await auditDailyCounts(tx, scope, filters) : [],
  }));
}

/** Starts a CSV export, recording who exported what (filters only) before the first byte is sent. */
export async function exportAudit(area: AuditArea, rawFilters: AuditFilters): Promise<ReadableStream<Uint8Array>> {
  const { ctx, scope } = await requireAuditReader(area);
  const filters = { ...(await resolveOrgFilter(ctx, scope, rawFilters)), cursor: undefined };
  // Enumerated filters are recorded with their values; free-text ones (which a person could paste
  // anything into) only by name.
  const applied: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    applied[key] = ['action', 'outcome', 'from', 'to', 'org'].includes(key) ? String(value) : true;
  }
  await ctx.db((tx) =>
    writeAudit(tx, actorOf(ctx), {
      action: 'audit.exported',
      orgId: 'orgId' in scope ? scope.orgId : (filters.org ?? null),
      metadata: applied,
    }),
  );
  return auditCsvStream((fn) => ctx.db(fn), scope, filters);
}
