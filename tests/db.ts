// Helpers for integration tests: direct owner access to the test database (set up by `npm test`)
// to look up seeded ids and to check what RLS let through. Never used by the portal itself.
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { closePool } from '@/lib/db/pool';
import { withRls, type OrgRole } from '@/lib/db/rls';
import type { OrgContext, UserContext } from '@/lib/auth/guards';

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

/** The context requireOrgRole would build for this seeded member (RLS re-checks the claims). */
export function memberContext(seeded: Seeded, email: string, slug: 'acme' | 'globex', role: OrgRole): OrgContext {
  const userId = seeded.users[email]!;
  const orgId = seeded.orgs[slug];
  const active = { membershipId: seeded.memberships[`${email}@${slug}`]!, orgId, orgSlug: slug, orgName: slug, role };
  return {
    user: { id: userId, email, name: email, isSuperadmin: false },
    memberships: [active],
    active,
    orgId,
    role,
    db: (fn) => withRls({ userId, orgId, orgRole: role, isSuperadmin: false }, fn),
  };
}

/** The context requireSuperadmin would build for the seeded superadmin, with no active organization. */
export function superadminContext(seeded: Seeded): UserContext {
  const email = 'superadmin@switchboard.example';
  const userId = seeded.users[email]!;
  return {
    user: { id: userId, email, name: 'Sam Superadmin', isSuperadmin: true },
    memberships: [],
    active: null,
    db: (fn) => withRls({ userId, orgId: null, orgRole: null, isSuperadmin: true }, fn),
  };
}
