-- Phone numbers synced from the organization's phone providers, and who on the team uses each.
-- Numbers are never deleted: one that disappears upstream becomes inactive and keeps its history.
-- Admins and managers (team leads) assign; agents read the numbers assigned to them.

create table public.organization_phone_numbers (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- The integration it came from (exotel_phone, twilio, meta_whatsapp), and that integration's id for it.
  source text not null check (source ~ '^[a-z][a-z0-9_]{1,49}$'),
  integration_id uuid references public.integration_credentials (id) on delete set null,
  external_id text check (length(external_id) <= 100),
  phone_number text not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  display_name text check (length(display_name) <= 100),
  number_type text check (number_type in ('virtual', 'toll-free', 'local', 'mobile')),
  assigned_to_user_id uuid references public.users (id) on delete set null,
  is_primary boolean not null default false,
  can_call boolean not null default true,
  can_sms boolean not null default false,
  can_whatsapp boolean not null default false,
  is_active boolean not null default true,
  synced_at timestamptz,
  -- Bumped by every change of assignee, so two team leads cannot silently overwrite each other.
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, phone_number)
);
-- At most one primary number per organization.
create unique index organization_phone_numbers_primary_idx on public.organization_phone_numbers (organization_id) where is_primary;
create index organization_phone_numbers_assignee_idx on public.organization_phone_numbers (assigned_to_user_id) where assigned_to_user_id is not null;
create index organization_phone_numbers_source_idx on public.organization_phone_numbers (organization_id, source);

create trigger organization_phone_numbers_touch before update on public.organization_phone_numbers
  for each row execute function app_private.touch_updated_at();

-- Every assignment and unassignment of a number, oldest first.
create table public.phone_number_assignments (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  phone_number_id uuid not null references public.organization_phone_numbers (id) on delete cascade,
  user_id uuid references public.users (id) on delete set null,
  previous_user_id uuid references public.users (id) on delete set null,
  reason text not null check (reason in ('assigned', 'unassigned', 'member_removed', 'number_inactive')),
  -- Names as they were when it happened, so the history still reads after a member leaves.
  user_label text check (length(user_label) <= 200),
  previous_user_label text check (length(previous_user_label) <= 200),
  actor_id uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index phone_number_assignments_number_idx on public.phone_number_assignments (phone_number_id, id);

-- One row per sync run, updated as it goes, so the page can show its progress.
create table public.phone_number_syncs (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  source text not null check (source ~ '^[a-z][a-z0-9_]{1,49}$'),
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  listed integer not null default 0,
  processed integer not null default 0,
  added integer not null default 0,
  updated integer not null default 0,
  deactivated integer not null default 0,
  error text check (length(error) <= 300),
  started_by uuid references public.users (id) on delete set null,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index phone_number_syncs_org_idx on public.phone_number_syncs (organization_id, source, started_at desc);
-- One sync per organization and source at a time.
create unique index phone_number_syncs_running_idx on public.phone_number_syncs (organization_id, source) where status = 'running';

-- Team leads change who holds a number and which is primary; only admins (who run syncs) change
-- what the number is. Column grants cannot tell the two roles apart, so a trigger does.
create function app_private.phone_numbers_lead_columns() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user = 'authenticated' and app_private.active_org_role() is distinct from 'admin' and (
    new.organization_id, new.source, new.integration_id, new.external_id, new.phone_number, new.display_name,
    new.number_type, new.can_call, new.can_sms, new.can_whatsapp, new.is_active, new.synced_at
  ) is distinct from (
    old.organization_id, old.source, old.integration_id, old.external_id, old.phone_number, old.display_name,
    old.number_type, old.can_call, old.can_sms, old.can_whatsapp, old.is_active, old.synced_at
  ) then
    raise exception 'only admins change a phone number itself' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger organization_phone_numbers_lead_columns before update on public.organization_phone_numbers
  for each row execute function app_private.phone_numbers_lead_columns();

-- Grants and policies ------------------------------------------------------------------------------

revoke all on public.organization_phone_numbers, public.phone_number_assignments, public.phone_number_syncs
  from public, anon, authenticated;
grant select, insert, update on public.organization_phone_numbers to authenticated;
grant select, insert on public.phone_number_assignments to authenticated;
grant select, insert, update on public.phone_number_syncs to authenticated;
-- A failed run is recorded on the elevated path, even if its admin lost the role meanwhile.
grant select, update on public.phone_number_syncs to service_role;

alter table public.organization_phone_numbers enable row level security;
alter table public.organization_phone_numbers force row level security;
alter table public.phone_number_assignments enable row level security;
alter table public.phone_number_assignments force row level security;
alter table public.phone_number_syncs enable row level security;
alter table public.phone_number_syncs force row level security;

-- Team leads and admins see every number; agents see the ones assigned to them.
create policy organization_phone_numbers_select on public.organization_phone_numbers for select to authenticated
  using (
    organization_id = (select app_private.active_org_id())
    and ((select app_private.active_org_role()) in ('admin', 'manager') or assigned_to_user_id = (select auth.uid()))
  );
-- Syncs add numbers (admins, who run them).
create policy organization_phone_numbers_insert on public.organization_phone_numbers for insert to authenticated
  with check (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
-- Team leads and admins assign (only to members of the organization) and set the primary number.
create policy organization_phone_numbers_update on public.organization_phone_numbers for update to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) in ('admin', 'manager'))
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) in ('admin', 'manager')
    and (assigned_to_user_id is null or assigned_to_user_id in (select app_private.active_org_user_ids()))
  );

create policy phone_number_assignments_select on public.phone_number_assignments for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) in ('admin', 'manager'));
create policy phone_number_assignments_insert on public.phone_number_assignments for insert to authenticated
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) in ('admin', 'manager')
    and actor_id = (select auth.uid())
    and phone_number_id in (select n.id from public.organization_phone_numbers n where n.organization_id = (select app_private.active_org_id()))
    and (user_id is null or user_id in (select app_private.active_org_user_ids()))
    and (previous_user_id is null or previous_user_id in (select app_private.active_org_user_ids()))
  );

create policy phone_number_syncs_select on public.phone_number_syncs for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) in ('admin', 'manager'));
create policy phone_number_syncs_insert on public.phone_number_syncs for insert to authenticated
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and started_by = (select auth.uid())
  );
create policy phone_number_syncs_update on public.phone_number_syncs for update to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  with check (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy phone_number_syncs_service on public.phone_number_syncs for all to service_role using (true) with check (true);
