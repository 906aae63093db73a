import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { IntegrationStatus } from '@/lib/integrations/status';
import { channels, type Channel } from './define';
import { automaticSender } from './routing';

// Which channels each integration sends for the organization today, for the integrations overview:
// the same answer as `routeFor` (one `automaticSender` rule), worked out from the statuses the page already holds and one read
// of the admin's choices, instead of two queries per channel.

export interface SentChannel {
  channel: Channel;
  /** Chosen by an admin as the channel's first choice or its fallback, or picked automatically. */
  as: 'primary' | 'fallback' | 'automatic';
}

export async function channelsByIntegration(actor: Actor, statuses: IntegrationStatus[]): Promise<Map<string, SentChannel[]>> {
  const chosen = await actor.db((tx) =>
    tx.query<{ channel: Channel; primary_type: string; fallback_type: string | null }>(
      `select channel, primary_type, fallback_type from public.channel_routes where organization_id = $1`,
      [actor.orgId],
    ),
  );
  const byType = new Map(statuses.map((s) => [s.type, s]));
  const out = new Map<string, SentChannel[]>();
  const add = (type: string, entry: SentChannel) => out.set(type, [...(out.get(type) ?? []), entry]);
  for (const channel of channels) {
    const route = chosen.find((r) => r.channel === channel);
    if (route) {
      add(route.primary_type, { channel, as: 'primary' });
      if (route.fallback_type) add(route.fallback_type, { channel, as: 'fallback' });
      continue;
    }
    const first = automaticSender(channel, (type) => byType.get(type)?.version != null && !!byType.get(type)?.isActive);
    if (first) add(first.id, { channel, as: 'automatic' });
  }
  return out;
}
