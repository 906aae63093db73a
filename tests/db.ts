// Helpers for integration tests: direct owner access to the test database (set up by `npm test`)
// to look up seeded ids and to check what RLS let through. Never used by the portal itself.
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { closePool } from '@/lib/db/pool';

export function ownerClient(): pg.Client {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through `npm test`.');
  return new pg.Client({ connectionString: url });
}

export interface Seeded {
  orgs: Record<'acme' | 'globex', string>;
  users: Record<string, string>;
  memberships: Record<string, string>; // `${email}@${slug}` -> membership id
}

export async function loadSeeded(client: pg.Client): Promise<Seeded> {
  const orgs = await client.query<{ slug: 'acme' | 'globex'; id: string }>(`select slug, id from organizations`);
  const users = await client.query<{ email: string; id: string }>(`select email, id from users`);
  const memberships = await client.query<{ email: string; slug: string; id: string }>(
    `select u.email, o.slug, m.id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id`,
  );
  return {
    orgs: Object.fromEntries(orgs.rows.map((r) => [r.slug, r.id])) as Seeded['orgs'],
    users: Object.fromEntries(users.rows.map((r) => [r.email, r.id])),
    memberships: Object.fromEntries(memberships.rows.map((r) => [`${r.email}@${r.slug}`, r.id])),
  };
}

/**
 * Opens an owner connection and loads the seeded ids before a test file's tests, and closes it and
 * the portal's pool after them. Read `db.owner` and `db.seeded` inside tests.
 */
export function seededDatabase(): { owner: pg.Client; seeded: Seeded } {
  const db = {} as { owner: pg.Client; seeded: Seeded };
  beforeAll(async () => {
    db.owner = ownerClient();
    await db.owner.connect();
    db.seeded = await loadSeeded(db.owner);
  });
  afterAll(async () => {
    await db.owner.end();
    await closePool();
  });
  return db;
}
