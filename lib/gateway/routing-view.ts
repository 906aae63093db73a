import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { forbidden } from '@/lib/http/errors';
import { channels, type Channel } from './define';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { routeFor, sendersOf } from './routing';

// What the Sending page shows for each channel: who can send it, the admin's choice (with its
// version, so a stale edit is refused) and, when nothing is chosen, what automatic resolves to now.

export interface ChannelRouting {
  channel: Channel;
  senders: { id: string; name: string }[];
  /** Chosen integrations that can no longer send the channel, so the admin can see and replace them. */
  stale: { id: string; name: string }[];
  /** The admin's choice, or null for automatic. */
  chosen: { primary: string; fallback: string | null } | null;
  /** What automatic picks today (null: nothing connected can send it); only when nothing is chosen. */
  automatic: string | null;
  /** 0 when nothing has been chosen. */
  version: number;
}

export async function routingOverview(actor: Actor): Promise<ChannelRouting[]> {
  if (actor.role !== 'admin') throw forbidden('Only admins choose which integration sends.');
  return actor.db(async (tx) => {
    const versions = await tx.query<{ channel: Channel; version: number }>(`select channel, version from public.channel_routes where organization_id = $1`, [actor.orgId]);
    const out: ChannelRouting[] = [];
    for (const channel of channels) {
      const route = await routeFor(tx, actor.orgId, channel);
      const senders = sendersOf(channel).map((p) => ({ id: p.id, name: p.name }));
      const chosenIds = route?.chosen ? [route.primary, ...(route.fallback ? [route.fallback] : [])] : [];
      out.push({
        channel,
        senders,
        stale: chosenIds.filter((id) => !senders.some((s) => s.id === id)).map((id) => ({ id, name: findServerProvider(id)?.name ?? id })),
        chosen: route?.chosen ? { primary: route.primary, fallback: route.fallback } : null,
        automatic: route && !route.chosen ? route.primary : null,
        version: versions.find((v) => v.channel === channel)?.version ?? 0,
      });
    }
    return out;
  });
}
