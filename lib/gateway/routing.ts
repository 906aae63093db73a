import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import type { Tx } from '@/lib/db/rls';
import { conflict, forbidden, invalid } from '@/lib/http/errors';
import { environmentCredentials } from '@/lib/integrations/credentials';
import { serverProviders } from '@/lib/integrations/registry.server';
import type { ServerProvider } from '@/lib/integrations/define.server';
import type { Channel } from './define';

// Which integration sends each channel. An admin's choice (with an optional fallback) wins; without
// one, the organization's saved and active integration that can send it (the first in the
// registry's order when there are several), then one the server environment configures.

export const channelLabels: Record<Channel, string> = { whatsapp: 'WhatsApp', sms: 'SMS', email: 'email', call: 'calls' };

/** The providers that can send a channel, in the registry's order. */
export function sendersOf(channel: Channel): ServerProvider[] {
  return serverProviders.filter((p) => p.send?.channels.includes(channel));
}

export function senderOrThrow(type: string): ServerProvider & { send: NonNullable<ServerProvider['send']> } {
  const provider = serverProviders.find((p) => p.id === type);
  if (!provider?.send) throw invalid({ integration: [`${provider?.name ?? 'This integration'} cannot send through the portal.`] });
  return provider as ServerProvider & { send: NonNullable<ServerProvider['send']> };
}

export interface Route {
  primary: string;
  fallback: string | null;
  chosen: boolean;
}

/** The route for a channel, read inside the caller's transaction (elevated or the member's own). */
export async function routeFor(tx: Tx, orgId: string, channel: Channel): Promise<Route | null> {
  const chosen = await tx.one<{ primary_type: string; fallback_type: string | null }>(
    `select primary_type, fallback_type from public.channel_routes where organization_id = $1 and channel = $2`,
    [orgId, channel],
  );
  if (chosen) return { primary: chosen.primary_type, fallback: chosen.fallback_type, chosen: true };
  const saved = await tx.query<{ integration_type: string }>(
    `select integration_type from public.integration_credentials
      where organization_id = $1 and is_active and integration_type = any($2::text[])`,
    [orgId, sendersOf(channel).map((p) => p.id)],
  );
  const savedTypes = new Set(saved.map((r) => r.integration_type));
  const first = automaticSender(channel, (type) => savedTypes.has(type));
  return first ? { primary: first.id, fallback: null, chosen: false } : null;
}

/**
 * Without an admin's choice a channel goes through the first integration that can send it with
 * saved, turned-on credentials, else the first the server environment provides for. One rule for
 * sending and for what the integrations overview says each integration sends.
 */
export function automaticSender(channel: Channel, savedAndActive: (type: string) => boolean) {
  const candidates = sendersOf(channel);
  return candidates.find((p) => savedAndActive(p.id)) ?? candidates.find((p) => environmentCredentials(p) !== null) ?? null;
}

export const noRoute = (channel: Channel) =>
  conflict(`Nothing is set up to send ${channelLabels[channel]} yet. An admin connects an integration that can, under Integrations.`);

export interface RouteInput {
  primary: string | null;
  fallback: string | null;
  expected_version?: number;
}

/** Admins choose the integration (and a fallback) for a channel; `primary: null` goes back to automatic. */
export async function setRoute(actor: Actor, channel: Channel, input: RouteInput): Promise<void> {
  if (actor.role !== 'admin') throw forbidden('Only admins choose which integration sends.');
  const ids = new Set(sendersOf(channel).map((p) => p.id));
  if (input.primary !== null && !ids.has(input.primary)) throw invalid({ primary: ['This integration cannot send this channel.'] });
  if (input.fallback !== null && (!ids.has(input.fallback) || input.fallback === input.primary)) {
    throw invalid({ fallback: ['Choose another integration than the first, one that can send this channel.'] });
  }
  if (input.primary === null && input.fallback !== null) throw invalid({ fallback: ['Choose the first integration before a fallback.'] });
  await actor.db(async (tx) => {
    const current = await tx.one<{ primary_type: string; fallback_type: string | null; version: number }>(
      `select primary_type, fallback_type, version from public.channel_routes where organization_id = $1 and channel = $2 for update`,
      [actor.orgId, channel],
    );
    if (input.expected_version !== undefined && (current?.version ?? 0) !== input.expected_version) {
      throw conflict('Someone changed this routing since you opened it. Reload to see their choice.');
    }
    if (input.primary === null) {
      await tx.query(`delete from public.channel_routes where organization_id = $1 and channel = $2`, [actor.orgId, channel]);
    } else {
      await tx.query(
        `insert into public.channel_routes (organization_id, channel, primary_type, fallback_type, updated_by)
         values ($1, $2, $3, $4, $5)
         on conflict (organization_id, channel) do update
           set primary_type = excluded.primary_type, fallback_type = excluded.fallback_type, updated_by = excluded.updated_by,
               updated_at = now(), version = public.channel_routes.version + 1`,
        [actor.orgId, channel, input.primary, input.fallback, actor.userId],
      );
    }
    await writeAudit(tx, actor.audit, {
      action: 'gateway.route_changed',
      orgId: actor.orgId,
      targetType: 'channel',
      targetId: channel,
      metadata: { channel, primary: input.primary, fallback: input.fallback, previous_primary: current?.primary_type ?? null },
    });
  });
}
