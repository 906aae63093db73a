import pg from 'pg';

/** Direct owner access to the e2e database, to check what the portal wrote. Never used to set up auth. */
export async function withOwner<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const countAudit = (action: string) =>
  withOwner(async (c) => (await c.query<{ n: number }>(`select count(*)::int n from integration_audit_logs where action = $1`, [action])).rows[0]!.n);

/** What a refused or malformed request could have changed, as text to compare before and after. */
export const snapshotOfWritableState = () =>
  withOwner(async (c) => {
    const q = async (sql: string) => JSON.stringify((await c.query(sql)).rows);
    return [
      await q(`select id, role from memberships order by id`),
      await q(`select id, assigned_to_user_id, is_primary, version from organization_phone_numbers order by id`),
      await q(`select id, revoked_at from api_tokens order by id`),
      await q(`select id, revoked_at from organization_invitations order by id`),
      await q(`select tenant_id, endpoint_name, version from tenant_whatsapp_config order by tenant_id`),
      await q(`select id, version, is_active from integration_credentials order by id`),
      await q(`select organization_id, user_id, integration_type, can_use from user_integration_permissions order by id`),
      await q(`select id, name, email, phone from users order by id`),
      await q(`select organization_id, channel, primary_type, fallback_type, version from channel_routes order by organization_id, channel`),
      await q(`select id, status from outbound_requests order by id`),
      await q(`select id, url, description, event_types, enabled, secret_hint from webhook_endpoints order by id`),
      await q(`select id from webhook_deliveries where redelivery_of is not null order by id`),
    ].join('\n');
  });
