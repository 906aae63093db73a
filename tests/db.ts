// Helpers for integration tests: direct owner access to the test database (set up by `npm test`)
// to look up seeded ids and to check what RLS let through. Never used by the portal itself.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { closePool } from '@/lib/db/pool';
import { withRls, type OrgRole } from '@/lib/db/rls';
import type { Actor } from '@/lib/auth/actor';
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
    try {
      await removeFreshOrganizations(db.owner);
    } finally {
      await db.owner.end();
      await closePool();
    }
  });
  return db;
}

export interface FreshMember {
  userId: string;
  membershipId: string;
  email: string;
  name: string;
  role: OrgRole;
  /** Acting as this member in the organization, as a session would (RLS re-checks the claims). */
  actor: Actor;
}

export interface FreshOrganization {
  id: string;
  slug: string;
  name: string;
  /** In the order asked for. */
  members: FreshMember[];
  /** The first member with this role. */
  member(role: OrgRole): FreshMember;
}

// What this test file created, removed after its tests (the audit rows stay: nothing may delete them).
const created = { orgs: [] as string[], users: [] as string[] };

const roleNames: Record<OrgRole, string> = { admin: 'Admin', manager: 'Manager', agent: 'Agent' };

export interface FreshOrganizationOptions {
  members: OrgRole[];
  /** A suspended organization is nobody's active organization. */
  status?: 'active' | 'suspended';
  /** A WhatsApp endpoint assigned straight in the table (which schedules its health check, as an assignment does). */
  whatsapp?: { endpoint: string; messageTimeout?: number; healthCheckInterval?: number };
}

/**
 * A new organization of its own, with a new user and membership for each role asked for, so a test
 * can change anything in it without touching the seed or another test's data.
 */
export async function freshOrganization(owner: pg.Client, options: FreshOrganizationOptions): Promise<FreshOrganization> {
  const tag = randomUUID().slice(0, 8);
  const org = await owner.query<{ id: string; slug: string; name: string }>(
    `insert into organizations (slug, name, status) values ($1, $2, $3) returning id, slug, name`,
    [`test-${tag}`, `Test ${tag}`, options.status ?? 'active'],
  );
  const { id: orgId, slug, name } = org.rows[0]!;
  created.orgs.push(orgId);
  if (options.whatsapp) {
    const { endpoint, messageTimeout = 30, healthCheckInterval = 60 } = options.whatsapp;
    await owner.query(
      `insert into tenant_whatsapp_config (tenant_id, endpoint_name, message_timeout, health_check_interval) values ($1, $2, $3, $4)`,
      [orgId, endpoint, messageTimeout, healthCheckInterval],
    );
  }
  const members: FreshMember[] = [];
  for (const [i, role] of options.members.entries()) {
    const email = `${role}${i}-${tag}@fresh.example`;
    const memberName = `${roleNames[role]} ${i} ${tag}`;
    const user = await owner.query<{ id: string }>(`insert into users (email, name) values ($1, $2) returning id`, [email, memberName]);
    const userId = user.rows[0]!.id;
    created.users.push(userId);
    const membership = await owner.query<{ id: string }>(`insert into memberships (org_id, user_id, role) values ($1, $2, $3) returning id`, [orgId, userId, role]);
    members.push({
      userId,
      membershipId: membership.rows[0]!.id,
      email,
      name: memberName,
      role,
      actor: {
        orgId,
        role,
        userId,
        scopes: null,
        audit: { type: 'user', id: userId, label: email },
        db: (fn) => withRls({ userId, orgId, orgRole: role, isSuperadmin: false }, fn),
      },
    });
  }
  return {
    id: orgId,
    slug,
    name,
    members,
    member(role) {
      const found = members.find((m) => m.role === role);
      if (!found) throw new Error(`freshOrganization was asked for no ${role}`);
      return found;
    },
  };
}

/** The context requireUser would build for a fresh member (for what any signed-in person may do). */
export function userContextOf(member: FreshMember, org: FreshOrganization): UserContext {
  const active = { membershipId: member.membershipId, orgId: org.id, orgSlug: org.slug, orgName: org.name, role: member.role };
  return {
    user: { id: member.userId, email: member.email, name: member.name, isSuperadmin: false },
    memberships: [active],
    active,
    db: member.actor.db,
  };
}

async function removeFreshOrganizations(owner: pg.Client): Promise<void> {
  const { orgs, users } = created;
  if (orgs.length > 0) await owner.query(`delete from organizations where id = any($1)`, [orgs]);
  if (users.length > 0) await owner.query(`delete from users where id = any($1)`, [users]);
  created.orgs = [];
  created.users = [];
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
