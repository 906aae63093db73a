import 'server-only';
import { actorFromSession, type Actor } from '@/lib/auth/actor';
import { actorOf, requireOrgRole, requireSuperadmin, type UserContext } from '@/lib/auth/guards';
import type { Tx } from '@/lib/db/rls';
import { forbidden, invalid } from '@/lib/http/errors';
import type { AuditFilters } from '@/lib/validations/audit';
import { writeAudit, type AuditActor } from './write';
import { auditCsvStream } from './csv';
import { auditDailyCounts, auditPage, type AuditScope } from './query';

export type AuditArea = 'tenant' | 'platform';

/** Who reads a trail: an organization's admin (its own), or a superadmin (every organization's). */
export type AuditReader = { area: 'tenant'; actor: Actor } | { area: 'platform'; ctx: UserContext };

/** The session's reader for an area, for pages and route handlers (the guard runs first). */
export async function requireAuditReader(area: AuditArea): Promise<AuditReader> {
  if (area === 'platform') return { area, ctx: await requireSuperadmin() };
  return { area, actor: actorFromSession(await requireOrgRole('admin')) };
}

interface Reading {
  db: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  audit: AuditActor;
  scope: AuditScope;
}

/** The role check every read starts with, whoever built the reader. */
function authorizeReader(reader: AuditReader): Reading {
  if (reader.area === 'platform') {
    if (!reader.ctx.user.isSuperadmin) throw forbidden();
    return { db: reader.ctx.db, audit: actorOf(reader.ctx), scope: { allOrgs: true } };
  }
  if (reader.actor.role !== 'admin') throw forbidden();
  return { db: reader.actor.db, audit: reader.actor.audit, scope: { orgId: reader.actor.orgId } };
}

/**
 * Turns the organization filter (slug or id) into the id of an organization that exists, so an
 * export is never recorded against a made-up id. Tenant admins never filter by organization.
 */
async function resolveOrgFilter({ db, scope }: Reading, filters: AuditFilters): Promise<AuditFilters> {
  if ('orgId' in scope || !filters.org) return { ...filters, org: undefined };
  const org = await db((tx) =>
    tx.one<{ id: string }>(`select id from public.organizations where slug = $1 or id::text = $1`, [filters.org]),
  );
  if (!org) throw invalid({ org: ['No organization has that slug or id.'] });
  return { ...filters, org: org.id };
}

export async function readAudit(reader: AuditReader, rawFilters: AuditFilters, options: { chart?: boolean } = {}) {
  const reading = authorizeReader(reader);
  const { scope } = reading;
  const filters = await resolveOrgFilter(reading, rawFilters);
  return reading.db(async (tx) => ({
    page: await auditPage(tx, scope, filters),
    daily: options.chart ? await auditDailyCounts(tx, scope, filters) : [],
  }));
}

/** Starts a CSV export, recording who exported what (filters only) before the first byte is sent. */
export async function exportAudit(reader: AuditReader, rawFilters: AuditFilters): Promise<ReadableStream<Uint8Array>> {
  const reading = authorizeReader(reader);
  const { scope } = reading;
  const filters = { ...(await resolveOrgFilter(reading, rawFilters)), cursor: undefined };
  // Enumerated filters are recorded with their values; free-text ones (which a person could paste
  // anything into) only by name.
  const applied: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    applied[key] = ['action', 'outcome', 'from', 'to', 'org'].includes(key) ? String(value) : true;
  }
  await reading.db((tx) =>
    writeAudit(tx, reading.audit, {
      action: 'audit.exported',
      orgId: 'orgId' in scope ? scope.orgId : (filters.org ?? null),
      metadata: applied,
    }),
  );
  return auditCsvStream(reading.db, scope, filters);
}
