import 'server-only';
import type { Actor } from '@/lib/auth/actor';

// How many requests of an integration wait for working credentials, for its card on the
// integrations page. Read under RLS: admins and managers see every request of the organization.

export async function heldCount(actor: Actor, type: string): Promise<number> {
  const row = await actor.db((tx) =>
    tx.one<{ n: number }>(
      `select count(*)::int as n from public.outbound_requests where organization_id = $1 and integration_type = $2 and status = 'held'`,
      [actor.orgId, type],
    ),
  );
  return row?.n ?? 0;
}
