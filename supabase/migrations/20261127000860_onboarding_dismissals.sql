-- Who has hidden the "Get started" checklist, per organization. A personal preference kept on the
-- server so it follows the person to every browser: each person reads and sets only their own row,
-- and only in an organization they belong to. A table of its own, not a column on memberships, whose
-- update policy lets admins change other people's rows.
create table public.onboarding_dismissals (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  dismissed_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index onboarding_dismissals_user_idx on public.onboarding_dismissals (user_id);

revoke all on public.onboarding_dismissals from public, anon, authenticated;
grant select on public.onboarding_dismissals to authenticated;
-- Rows are only ever added: dismissed_at is the database's, and nothing moves a row to someone else.
grant insert (org_id, user_id) on public.onboarding_dismissals to authenticated;

alter table public.onboarding_dismissals enable row level security;
alter table public.onboarding_dismissals force row level security;

create policy onboarding_dismissals_select on public.onboarding_dismissals for select to authenticated
  using (user_id = (select auth.uid()));
create policy onboarding_dismissals_insert on public.onboarding_dismissals for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id in (select app_private.my_org_ids()));
