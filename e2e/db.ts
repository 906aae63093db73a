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
