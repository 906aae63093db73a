// Demo data: two organizations with an admin, a manager and an agent each, a consultant who belongs
// to both, one superadmin, and Acme's WhatsApp endpoint assignment. Runs as the database owner (seeding is outside RLS by design).
import pg from 'pg';
import { hashPassword } from '@/lib/auth/password';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'switchboard-demo';

/** The endpoint Acme is assigned in the demo data (the first of the generated demo endpoints). */
export const DEMO_ENDPOINT = 'Primary';

export const demoOrgs = [
  { slug: 'acme', name: 'Acme Corporation' },
  { slug: 'globex', name: 'Globex Industries' },
] as const;

export const demoUsers = [
  { email: 'superadmin@switchboard.example', name: 'Sam Superadmin', superadmin: true, memberships: [] },
  { email: 'admin@acme.example', name: 'Ada Admin', superadmin: false, memberships: [['acme', 'admin']] },
  { email: 'manager@acme.example', name: 'Max Manager', superadmin: false, memberships: [['acme', 'manager']] },
  { email: 'agent@acme.example', name: 'Ana Agent', superadmin: false, memberships: [['acme', 'agent']] },
  { email: 'admin@globex.example', name: 'Gil Admin', superadmin: false, memberships: [['globex', 'admin']] },
  { email: 'manager@globex.example', name: 'Gwen Manager', superadmin: false, memberships: [['globex', 'manager']] },
  { email: 'agent@globex.example', name: 'Gus Agent', superadmin: false, memberships: [['globex', 'agent']] },
  {
    email: 'consultant@switchboard.example',
    name: 'Cory Consultant',
    superadmin: false,
    memberships: [
      ['acme', 'manager'],
      ['globex', 'agent'],
    ],
  },
] as const;

/** Seeds the demo data. Skips (returns false) when it is already there, unless forced. */
export async function seed(url: string, options: { force?: boolean } = {}): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (!options.force) {
      const done = await client.query(`select 1 from public.users where email = $1`, [demoUsers[0].email]);
      if (done.rowCount) return false;
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await client.query('begin');
    const orgIds = new Map<string, string>();
    for (const org of demoOrgs) {
      const row = await client.query<{ id: string }>(
        `insert into public.organizations (slug, name) values ($1, $2)
         on conflict (slug) do update set name = excluded.name returning id`,
        [org.slug, org.name],
      );
      orgIds.set(org.slug, row.rows[0]!.id);
    }
    for (const user of demoUsers) {
      const row = await client.query<{ id: string }>(
        `insert into public.users (email, name, password_hash, is_superadmin) values ($1, $2, $3, $4)
         on conflict ((lower(email))) do update
           set name = excluded.name, password_hash = excluded.password_hash, is_superadmin = excluded.is_superadmin
         returning id`,
        [user.email, user.name, passwordHash, user.superadmin],
      );
      const userId = row.rows[0]!.id;
      for (const [slug, role] of user.memberships) {
        await client.query(
          `insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)
           on conflict (org_id, user_id) do update set role = excluded.role`,
          [orgIds.get(slug), userId, role],
        );
      }
    }
    // Acme starts on the first demo endpoint, so its health is visible at once; Globex has none yet.
    await client.query(
      `insert into public.tenant_whatsapp_config (tenant_id, endpoint_name) values ($1, $2)
       on conflict (tenant_id) do nothing`,
      [orgIds.get('acme'), DEMO_ENDPOINT],
    );
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export function demoLoginsText(): string {
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  const lines = demoUsers.map((u) => {
    const roles = u.superadmin ? 'superadmin' : u.memberships.map(([org, role]) => `${role} @ ${org}`).join(', ');
    return `  ${u.email.padEnd(width)}  ${roles}`;
  });
  return `Demo logins (password: ${DEMO_PASSWORD}):\n${lines.join('\n')}`;
}
