import { createHash, randomBytes } from 'node:crypto';
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
      await q(`select org_id, user_id from onboarding_dismissals order by org_id, user_id`),
    ].join('\n');
  });

/** An API token of the organization made by one of its admins (by email), with these scopes; its value. */
export async function apiTokenFor(orgId: string, adminEmail: string, scopes: string[]): Promise<string> {
  const value = `sbt_${randomBytes(32).toString('base64url')}`;
  await withOwner((c) =>
    c.query(
      `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by, scopes)
       select $1, $2, $3, $4, 'admin', u.id, $5 from users u where u.email = $6`,
      [orgId, `e2e ${scopes.join(' ')}`, value.slice(0, 12), createHash('sha256').update(value).digest('hex'), scopes, adminEmail],
    ),
  );
  return value;
}
