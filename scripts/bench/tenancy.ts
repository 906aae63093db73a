// Foundation benchmarks: seeding 10,000 organizations and 50,000 users, and membership-scoped
// queries under RLS against the same SQL as the table owner.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { report } from './stats';

export async function seedTenancy(owner: pg.Client, orgs: number, users: number) {
  const start = performance.now();
  await owner.query('begin');
  await owner.query(`insert into organizations (slug, name) select 'org-' || g, 'Organization ' || g from generate_series(1, $1) g`, [orgs]);
  await owner.query(`insert into users (email, name) select 'user' || g || '@scale.example', 'User ' || g from generate_series(1, $1) g`, [users]);
  // Every user in one organization (5 per organization on average), every tenth user in a second one too.
  await owner.query(
    `with o as (select id, row_number() over (order by slug) as n from organizations where slug like 'org-%'),
          u as (select id, row_number() over (order by email) as n from users where email like '%@scale.example')
     insert into memberships (org_id, user_id, role)
     select o.id, u.id, (array['admin','manager','agent','agent','agent'])[1 + (u.n % 5)]
       from u join o on o.n = 1 + (u.n % $1)
     union all
     select o.id, u.id, 'agent'
       from u join o on o.n = 1 + ((u.n * 7 + 3) % $1)
      where u.n % 10 = 0 and 1 + ((u.n * 7 + 3) % $1) <> 1 + (u.n % $1)`,
    [orgs],
  );
  await owner.query('commit');
  await owner.query('analyze');
  const seconds = (performance.now() - start) / 1000;
  const counts = await owner.query(
    `select (select count(*)::int from organizations) orgs, (select count(*)::int from users) users, (select count(*)::int from memberships) memberships`,
  );
  console.log(`Scale data set ${JSON.stringify(counts.rows[0])} seeded in ${seconds.toFixed(1)} s (target < 120 s)`);
}

export async function benchTenancyQueries(owner: pg.Client, iterations: number) {
  const { withRls } = await import('@/lib/db/rls');
  const { pool } = await import('@/lib/db/pool');
  const sample = await owner.query<{ user_id: string; org_id: string; role: 'admin' | 'manager' | 'agent' }>(
    `select user_id, org_id, role from memberships order by random() limit $1`,
    [iterations],
  );
  // The same SQL the portal runs (lib/team/members.ts, lib/auth/session.ts).
  const queries: [string, string, (row: { org_id: string; user_id: string }) => string[]][] = [
    [
      'members of the active organization',
      `select m.id, m.user_id, u.name, u.email, m.role, m.created_at
         from public.memberships m join public.users u on u.id = m.user_id where m.org_id = $1 order by u.name, u.email`,
      (row) => [row.org_id],
    ],
    [
      "the viewer's organizations",
      `select m.id, m.org_id, o.slug, o.name, m.role from public.memberships m
         join public.organizations o on o.id = m.org_id where m.user_id = $1 and o.status = 'active' order by o.name`,
      (row) => [row.user_id],
    ],
  ];
  for (const [label, sql, paramsOf] of queries) {
    const rlsStatement: number[] = [];
    const ownerStatement: number[] = [];
    const rlsTotal: number[] = [];
    const ownerTotal: number[] = [];
    for (const row of sample.rows) {
      const params = paramsOf(row);
      const t0 = performance.now();
      await withRls({ userId: row.user_id, orgId: row.org_id, orgRole: row.role, isSuperadmin: false }, async (tx) => {
        const s = performance.now();
        await tx.query(sql, params);
        rlsStatement.push(performance.now() - s);
      });
      rlsTotal.push(performance.now() - t0);

      const client = await pool().connect();
      const t1 = performance.now();
      try {
        await client.query('begin');
        const s = performance.now();
        await client.query({ name: `owner-${label}`, text: sql, values: params }); // prepared, like the portal's
        ownerStatement.push(performance.now() - s);
        await client.query('commit');
      } finally {
        client.release();
      }
      ownerTotal.push(performance.now() - t1);
    }
    report(`RLS statement: ${label}`, rlsStatement, ownerStatement, 'owner');
    report(`RLS transaction: ${label}`, rlsTotal, ownerTotal, 'owner');
  }
}
