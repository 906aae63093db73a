-- Tenants, people and memberships, with row-level security as the second wall behind lib/auth.
-- Policies call security-definer helpers in app_private, a schema no API exposes, wrapped in
-- (select ...) so Postgres evaluates them once per statement instead of once per row.

create schema if not exists app_private;
revoke all on schema app_private from public, anon;
grant usage on schema app_private to authenticated, service_role;

-- Tables -------------------------------------------------------------------------------------------

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  name text not null check (length(btrim(name)) between 1 and 120),
  status text not null default 'active' check (status in ('active', 'suspended')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(btrim(email)) and email ~ '^[^@\s]+@[^@\s]+$'),
  name text not null check (length(btrim(name)) between 1 and 120),
  password_hash text,
  is_superadmin boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Emails are stored lower-cased (checked above); the index on lower() also serves case-insensitive lookups.
create unique index users_email_lower_key on public.users (lower(email));

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  role text not null check (role in ('admin', 'manager', 'agent')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id, org_id);

-- Failed sign-in counters, per account and per client address, shared by every portal instance.
create table public.auth_throttle (
  key text primary key,
  failures integer not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz
);

create function app_private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger organizations_touch before update on public.organizations
  for each row execute function app_private.touch_updated_at();
create trigger users_touch before update on public.users
  for each row execute function app_private.touch_updated_at();
create trigger memberships_touch before update on public.memberships
  for each row execute function app_private.touch_updated_at();

-- Policy helpers -----------------------------------------------------------------------------------
-- plpgsql rather than SQL: security-definer SQL functions are never inlined and are planned again on
-- every statement, while plpgsql keeps its plans for the session (measured by `npm run bench`).

-- The organization named in the request's claims, but only if the signed-in user really belongs to
-- it (or is a superadmin): a forged or stale org claim yields null and so matches no row.
create function app_private.active_org_id() returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  claimed text := auth.jwt() ->> 'org_id';
  uid uuid := auth.uid();
  result uuid;
begin
  if claimed is null or uid is null or claimed !~ '^[0-9a-fA-F-]{36}$' then
    return null;
  end if;
  -- A suspended organization is nobody's active organization.
  select m.org_id into result
    from public.memberships m join public.organizations o on o.id = m.org_id and o.status = 'active'
   where m.user_id = uid and m.org_id = claimed::uuid;
  if result is null and app_private.is_superadmin() then
    select o.id into result from public.organizations o where o.id = claimed::uuid;
  end if;
  return result;
end
$$;

-- The signed-in user's role in the active organization, read from the table, never from the claims.
create function app_private.active_org_role() returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  claimed text := auth.jwt() ->> 'org_id';
  result text;
begin
  if claimed is null or claimed !~ '^[0-9a-fA-F-]{36}$' then
    return null;
  end if;
  select m.role into result from public.memberships m where m.user_id = auth.uid() and m.org_id = claimed::uuid;
  return result;
end
$$;

create function app_private.is_superadmin() returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  result boolean;
begin
  select u.is_superadmin into result from public.users u where u.id = auth.uid();
  return coalesce(result, false);
end
$$;

-- Every organization the signed-in user belongs to (for the organization switcher).
create function app_private.my_org_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select m.org_id from public.memberships m where m.user_id = auth.uid();
end
$$;

-- The members of the active organization (team pages show their names and emails).
create function app_private.active_org_user_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select m.user_id from public.memberships m where m.org_id = app_private.active_org_id();
end
$$;

revoke all on all functions in schema app_private from public, anon;
grant execute on all functions in schema app_private to authenticated, service_role;

-- Grants -------------------------------------------------------------------------------------------
-- Hosted Supabase grants everything on new public tables to anon by default; take it back.

revoke all on public.organizations, public.users, public.memberships, public.auth_throttle
  from public, anon, authenticated;

grant select, insert, update, delete on public.organizations to authenticated;
-- password_hash is never readable or writable by a request: only the named elevated sign-in path sees it.
grant select (id, email, name, is_superadmin, created_at, updated_at) on public.users to authenticated;
grant insert (email, name) , update (name) on public.users to authenticated;
grant select, insert, delete on public.memberships to authenticated;
-- Only the role can change: a membership never moves to another person or organization.
grant update (role) on public.memberships to authenticated;
grant all on public.organizations, public.users, public.memberships, public.auth_throttle to service_role;

-- Row-level security ------------------------------------------------------------------------------
-- Each policy's conditions are ordered by how often they decide: sub-plans run only when first
-- needed, so the superadmin lookup is skipped for ordinary members.

alter table public.organizations enable row level security;
alter table public.organizations force row level security;
alter table public.users enable row level security;
alter table public.users force row level security;
alter table public.memberships enable row level security;
alter table public.memberships force row level security;
alter table public.auth_throttle enable row level security;
alter table public.auth_throttle force row level security;
-- auth_throttle has no policy for authenticated: only the elevated sign-in path (service_role) uses it.

create policy organizations_select on public.organizations for select to authenticated
  using (id in (select app_private.my_org_ids()) or (select app_private.is_superadmin()));
create policy organizations_insert on public.organizations for insert to authenticated
  with check ((select app_private.is_superadmin()));
create policy organizations_update on public.organizations for update to authenticated
  using ((select app_private.is_superadmin()))
  with check ((select app_private.is_superadmin()));
create policy organizations_delete on public.organizations for delete to authenticated
  using ((select app_private.is_superadmin()));

create policy users_select on public.users for select to authenticated
  using (
    id in (select app_private.active_org_user_ids())
    or id = (select auth.uid())
    or (select app_private.is_superadmin())
  );
create policy users_insert on public.users for insert to authenticated
  with check ((select app_private.is_superadmin()));
create policy users_update_self on public.users for update to authenticated
  using (id = (select auth.uid()) or (select app_private.is_superadmin()))
  with check (id = (select auth.uid()) or (select app_private.is_superadmin()));

create policy memberships_select on public.memberships for select to authenticated
  using (
    org_id = (select app_private.active_org_id())
    or user_id = (select auth.uid())
    or (select app_private.is_superadmin())
  );
create policy memberships_insert on public.memberships for insert to authenticated
  with check (
    (select app_private.is_superadmin())
    or (org_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  );
create policy memberships_update on public.memberships for update to authenticated
  using (
    (select app_private.is_superadmin())
    or (org_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  )
  with check (
    (select app_private.is_superadmin())
    or (org_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  );
create policy memberships_delete on public.memberships for delete to authenticated
  using (
    (select app_private.is_superadmin())
    or (org_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  );
