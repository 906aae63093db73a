import 'server-only';
import { writeAudit } from '@/lib/audit/write';
import type { Actor } from '@/lib/auth/actor';
import { withElevated } from '@/lib/db/rls';
import { forbidden, notFound } from '@/lib/http/errors';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { currentReceiver, receiverUrl, rotateReceiver } from './receivers';

// What an admin sees of an integration's callbacks: its receiving URL (and a rotated one still in its
// grace period), where to paste it, whether the secrets to verify it are saved, the last deliveries
// and what the provider said about the account.

export interface WebhookDelivery {
  id: string;
  receivedAt: string;
  eventType: string | null;
  verified: boolean;
  outcome: 'queued' | 'applied' | 'duplicate' | 'rejected' | 'ignored' | 'failed';
  detail: string | null;
  eventCount: number;
}

export interface WebhookView {
  url: string;
  /** A rotated URL that still works until `until`. */
  previous: { url: string; until: string } | null;
  setup: string;
  /** Whether the provider signs its callbacks (Exotel does not: its are confirmed with its API instead). */
  signed: boolean;
  /** The credential fields it verifies with, by label; `missing` lists the ones not saved. */
  secrets: { label: string; saved: boolean }[];
  deliveries: WebhookDelivery[];
  accountEvents: { topic: string; summary: string; at: string }[];
}

const LOG_SIZE = 10;

function adminOnly(actor: Actor, type: string) {
  if (actor.role !== 'admin') throw forbidden('Only admins can see an integration’s webhooks.');
  const provider = findServerProvider(type);
  if (!provider?.webhook) throw notFound('Webhooks for this integration');
  return { provider, spec: provider.webhook };
}

/**
 * The integration's webhook panel. `savedSecrets` are the fields the organization's saved credentials
 * hold (their hints), or null when it has none and the server environment's are used: only then do
 * the environment's secrets count, as only then does verification read them.
 */
export async function webhookView(actor: Actor, type: string, savedSecrets: readonly string[] | null): Promise<WebhookView> {
  const { provider, spec } = adminOnly(actor, type);
  const token = await withElevated('webhooks.receive', (tx) => currentReceiver(tx, actor.orgId, type, actor.userId));
  const envSaved = (field: string) => {
    const name = provider.fields[field]?.env;
    return name ? Boolean(process.env[name]?.trim()) : false;
  };
  return actor.db(async (tx) => {
    const previous = await tx.one<{ token: string; expires_at: Date }>(
      `select token, expires_at from public.webhook_receivers
        where organization_id = $1 and integration_type = $2 and retired_at is not null and expires_at > now()
        order by expires_at desc limit 1`,
      [actor.orgId, type],
    );
    const deliveries = await tx.query<{ id: string; received_at: Date; event_type: string | null; verified: boolean; outcome: WebhookDelivery['outcome']; detail: string | null; event_count: number }>(
      `select id::text, received_at, event_type, verified, outcome, detail, event_count from public.webhook_deliveries_in
        where organization_id = $1 and integration_type = $2 order by received_at desc, id desc limit $3`,
      [actor.orgId, type, LOG_SIZE],
    );
    const events = await tx.query<{ topic: string; summary: string; occurred_at: Date }>(
      `select topic, summary, occurred_at from public.integration_account_events
        where organization_id = $1 and integration_type = $2 order by occurred_at desc limit 5`,
      [actor.orgId, type],
    );
    return {
      url: receiverUrl(type, token),
      previous: previous ? { url: receiverUrl(type, previous.token), until: previous.expires_at.toISOString() } : null,
      setup: spec.setup,
      signed: spec.secretFields.length > 0,
      secrets: spec.secretFields.map((f) => ({ label: provider.fields[f]?.label ?? f, saved: savedSecrets === null ? envSaved(f) : savedSecrets.includes(f) })),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        receivedAt: d.received_at.toISOString(),
        eventType: d.event_type,
        verified: d.verified,
        outcome: d.outcome,
        detail: d.detail,
        eventCount: d.event_count,
      })),
      accountEvents: events.map((e) => ({ topic: e.topic, summary: e.summary, at: e.occurred_at.toISOString() })),
    };
  });
}

/** A new receiving URL; the old one keeps working for the grace period. Audited. */
export async function rotateWebhookUrl(actor: Actor, type: string): Promise<void> {
  const { provider } = adminOnly(actor, type);
  await withElevated('webhooks.receive', async (tx) => {
    await rotateReceiver(tx, actor.orgId, type, actor.userId);
    await writeAudit(tx, actor.audit, {
      action: 'webhook.url_rotated',
      orgId: actor.orgId,
      integrationType: provider.id,
      targetType: 'integration',
      targetId: provider.id,
    });
  });
}
