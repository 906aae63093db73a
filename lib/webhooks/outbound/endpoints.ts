import 'server-only';
import { lookup } from 'node:dns/promises';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { withElevated, type Tx } from '@/lib/db/rls';
import { forbidden, invalid, notFound } from '@/lib/http/errors';
import { isPrivateLiteral, isPublicAddress, privateHostsAllowed } from '@/lib/integrations/network';
import type { CreateWebhookInput, UpdateWebhookInput } from '@/lib/validations/webhooks';
import type { DeliveryStatus } from './events';
import { PREVIOUS_SECRET_HOURS } from './schedule';
import { newSigningSecret, sealSecret } from './secret';

// Where an organization's events go: admins register, change, turn off and remove endpoints, and
// rotate their signing secrets. A new secret is answered once and never again; the old one keeps
// signing beside it for a day, so receivers can switch over without losing a delivery.

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('Only admins can manage webhooks.');
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: 'manual' | 'gone' | 'failing' | null;
  disabledAt: string | null;
  secretHint: string;
  previousSecretExpiresAt: string | null;
  failureStreak: number;
  createdAt: string;
  lastDelivery: { status: DeliveryStatus; httpStatus: number | null; at: string } | null;
}

interface Row {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  enabled: boolean;
  disabled_reason: WebhookEndpoint['disabledReason'];
  disabled_at: Date | null;
  secret_hint: string;
  previous_secret_expires_at: Date | null;
  failure_streak: number;
  created_at: Date;
  last_status: DeliveryStatus | null;
  last_http_status: number | null;
  last_at: Date | null;
}

const SELECT = `select e.id, e.url, e.description, e.event_types, e.enabled, e.disabled_reason, e.disabled_at, e.secret_hint,
    case when e.previous_secret_expires_at > now() then e.previous_secret_expires_at end as previous_secret_expires_at,
    e.failure_streak, e.created_at, l.status as last_status, l.last_http_status, l.updated_at as last_at
  from public.webhook_endpoints e
  left join lateral (select d.status, d.last_http_status, d.updated_at from public.webhook_deliveries d
                      where d.endpoint_id = e.id order by d.created_at desc, d.id desc limit 1) l on true`;

const view = (r: Row): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  disabledAt: r.disabled_at?.toISOString() ?? null,
  secretHint: r.secret_hint,
  previousSecretExpiresAt: r.previous_secret_expires_at?.toISOString() ?? null,
  failureStreak: r.failure_streak,
  createdAt: r.created_at.toISOString(),
  lastDelivery: r.last_status && r.last_at ? { status: r.last_status, httpStatus: r.last_http_status, at: r.last_at.toISOString() } : null,
});

export async function listEndpoints(actor: Actor): Promise<WebhookEndpoint[]> {
  requireAdmin(actor);
  const rows = await actor.db((tx) => tx.query<Row>(`${SELECT} where e.organization_id = $1 order by e.created_at, e.id`, [actor.orgId]));
  return rows.map(view);
}

/** One endpoint of the actor's organization, or 404 (another organization's id reads as unknown). */
export async function loadEndpoint(tx: Tx, actor: Actor, id: string): Promise<WebhookEndpoint> {
  const row = await tx.one<Row>(`${SELECT} where e.organization_id = $1 and e.id = $2`, [actor.orgId, id]);
  if (!row) throw notFound('The webhook endpoint');
  return view(row);
}

export async function getEndpoint(actor: Actor, id: string): Promise<WebhookEndpoint> {
  requireAdmin(actor);
  return actor.db((tx) => loadEndpoint(tx, actor, id));
}

/**
 * Plain http only where private hosts are allowed (development, tests); a host that is, or resolves
 * to, a private address is refused here as well as when each delivery connects.
 */
async function assertReachable(url: string): Promise<void> {
  if (privateHostsAllowed()) return;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw invalid({ url: ['Use an https:// URL.'] });
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const refused = () => invalid({ url: ['That address points into a private network, which the portal does not send to.'] });
  if (isPrivateLiteral(host)) throw refused();
  const addresses = await lookup(host, { all: true }).catch(() => []);
  if (addresses.some((a) => !isPublicAddress(a.address))) throw refused();
}

export async function createEndpoint(actor: Actor, input: CreateWebhookInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  requireAdmin(actor);
  await assertReachable(input.url);
  const secret = newSigningSecret();
  const endpoint = await actor.db(async (tx) => {
    const id = (await tx.one<{ id: string }>(`select gen_random_uuid() as id`))!.id;
    const sealed = sealSecret(actor.orgId, id, secret);
    await tx.query(
      `insert into public.webhook_endpoints (id, organization_id, url, description, event_types, secret_sealed, secret_hint, key_id, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, actor.orgId, input.url, input.description ?? '', input.event_types, sealed.sealed, sealed.hint, sealed.kid, actor.userId],
    );
    await writeAudit(tx, actor.audit, {
      action: 'webhook_endpoint.created',
      orgId: actor.orgId,
      targetType: 'webhook_endpoint',
      targetId: id,
      changedFields: ['url', 'description', 'event_types', 'secret'],
      metadata: { host: new URL(input.url).hostname.slice(0, 200), events: input.event_types.join(',').slice(0, 200) },
    });
    return loadEndpoint(tx, actor, id);
  });
  return { endpoint, secret };
}

export async function updateEndpoint(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookEndpoint> {
  requireAdmin(actor);
  if (input.url !== undefined) await assertReachable(input.url);
  return actor.db(async (tx) => {
    const before = await loadEndpoint(tx, actor, id);
    const changed: string[] = [];
    if (input.url !== undefined && input.url !== before.url) changed.push('url');
    if (input.description !== undefined && input.description !== before.description) changed.push('description');
    if (input.event_types !== undefined && [...input.event_types].sort().join() !== [...before.eventTypes].sort().join()) changed.push('event_types');
    const toggled = input.enabled !== undefined && input.enabled !== before.enabled;
    if (toggled) changed.push('enabled');
    if (changed.length === 0) return before;
    await tx.query(
      `update public.webhook_endpoints
          set url = coalesce($3, url), description = coalesce($4, description), event_types = coalesce($5, event_types),
              enabled = coalesce($6, enabled),
              disabled_reason = case when $6 is null then disabled_reason when $6 then null else 'manual' end,
              disabled_at = case when $6 is null then disabled_at when $6 then null else now() end,
              failure_streak = case when $6 then 0 else failure_streak end,
              failing_since = case when $6 then null else failing_since end,
              updated_at = now()
        where organization_id = $1 and id = $2`,
      [actor.orgId, id, input.url ?? null, input.description ?? null, input.event_types ?? null, toggled ? input.enabled : null],
    );
    const action = toggled && input.enabled === false ? 'webhook_endpoint.disabled' : 'webhook_endpoint.updated';
    await writeAudit(tx, actor.audit, { action, orgId: actor.orgId, targetType: 'webhook_endpoint', targetId: id, changedFields: changed, metadata: toggled ? { reason: input.enabled ? 'enabled' : 'manual' } : {} });
    return loadEndpoint(tx, actor, id);
  });
}

export async function deleteEndpoint(actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await actor.db(async (tx) => {
    const gone = await tx.one<{ url: string }>(`delete from public.webhook_endpoints where organization_id = $1 and id = $2 returning url`, [actor.orgId, id]);
    if (!gone) throw notFound('The webhook endpoint');
    await writeAudit(tx, actor.audit, { action: 'webhook_endpoint.deleted', orgId: actor.orgId, targetType: 'webhook_endpoint', targetId: id, metadata: { host: new URL(gone.url).hostname.slice(0, 200) } });
  });
}

/**
 * A new signing secret, answered once; the old one signs beside it for PREVIOUS_SECRET_HOURS. The
 * sealed secrets are readable on the elevated path only, so the swap runs there, scoped to the
 * admin's organization.
 */
export async function rotateSecret(actor: Actor, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  requireAdmin(actor);
  const secret = newSigningSecret();
  const sealed = sealSecret(actor.orgId, id, secret);
  await withElevated('webhooks.outbound', async (tx) => {
    const row = await tx.one<{ id: string }>(
      `update public.webhook_endpoints
          set previous_secret_sealed = secret_sealed, previous_secret_expires_at = now() + make_interval(hours => $6),
              secret_sealed = $3, secret_hint = $4, key_id = $5, updated_at = now()
        where organization_id = $1 and id = $2 returning id`,
      [actor.orgId, id, sealed.sealed, sealed.hint, sealed.kid, PREVIOUS_SECRET_HOURS],
    );
    if (!row) throw notFound('The webhook endpoint');
    await writeAudit(tx, actor.audit, { action: 'webhook_endpoint.secret_rotated', orgId: actor.orgId, targetType: 'webhook_endpoint', targetId: id, changedFields: ['secret'], metadata: { overlap_hours: PREVIOUS_SECRET_HOURS } });
  });
  return { endpoint: await getEndpoint(actor, id), secret };
}
