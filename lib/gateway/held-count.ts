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

/** The held requests of several integrations at once (one query for a page of cards); absent types have none. */
export async function heldCounts(actor: Actor, types: string[]): Promise<Record<string, number>> {
  const rows = await actor.db((tx) =>
    tx.query<{ integration_type: string; n: number }>(
      `select integration_type, count(*)::int as n from public.outbound_requests
        where organization_id = $1 and integration_type = any($2::text[]) and status = 'held' group by integration_type`,
      [actor.orgId, types],
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.integration_type, r.n]));
}
