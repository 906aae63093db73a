-- Tenant-configured integrations: encrypted credentials, per-user grants, and organization API tokens.
-- Credentials are sealed by the portal (AES-256-GCM, lib/crypto) before they reach the database, so
-- the database, its backups and anyone reading them hold ciphertext only. Admins configure; managers
-- read status; agents read the status of the integrations they were granted.

create table public.integration_credentials (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  integration_type text not null check (integration_type ~ '^[a-z][a-z0-9_]{1,49}$'),
  -- A versioned envelope (v1.<kid>.<iv>.<ciphertext+tag>) whose additional authenticated data binds
  -- it to this organization, this type and its key id: moved to another row it fails to open.
  credentials_encrypted text not null check (credentials_encrypted like 'v1.%'),
  -- The key id the envelope was sealed with, so rotation finds the rows still on an old key.
  key_id text not null check (key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
  -- Field name -> masked hint ("••••1234") of each secret, for "Leave blank to keep ••••1234".
  secret_hints jsonb not null default '{}' check (jsonb_typeof(secret_hints) = 'object'),
  display_name text not null check (length(btrim(display_name)) between 1 and 100),
  is_active boolean not null default true,
  is_verified boolean not null default false,
  last_verified_at timestamptz,
  -- The last connection test of the saved credentials: a typed code and a message the portal wrote.
  last_tested_at timestamptz,
  last_test_ok boolean,
  last_test_code text check (length(last_test_code) <= 40),
  last_test_message text check (length(last_test_message) <= 300),
  last_test_latency_ms integer,
  -- Bumped by every change, so two admins editing at once cannot silently overwrite each other.
  version integer not null default 1,
  created_by uuid references public.users (id) on delete set null,
  updated_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, integration_type)
);
create index integration_credentials_key_id_idx on public.integration_credentials (key_id, id);

create trigger integration_credentials_touch before update on public.integration_credentials
  for each row execute function app_private.touch_updated_at();

-- What an agent (or any member) may do with one of the organization's integrations. Keyed by type,
-- not row, so a grant survives the credentials being replaced or falling back to the environment.
create table public.user_integration_permissions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  integration_type text not null check (integration_type ~ '^[a-z][a-z0-9_]{1,49}$'),
  can_use boolean not null default false,
  can_view_status boolean not null default true,
  granted_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, integration_type, user_id)
);
create index user_integration_permissions_user_idx on public.user_integration_permissions (user_id, organization_id);

create trigger user_integration_permissions_touch before update on public.user_integration_permissions
  for each row execute function app_private.touch_updated_at();

-- Organization API tokens for the REST API. Only a SHA-256 of the token is kept (tokens are 256-bit
-- random, so a slow hash adds nothing); the prefix lets people tell tokens apart.
create table public.api_tokens (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  token_prefix text not null check (length(token_prefix) between 8 and 20),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  -- admin: read and configure; manager: read only. Never more than the creator currently holds.
  role text not null check (role in ('admin', 'manager')),
  created_by uuid not null references public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references public.users (id) on delete set null
);
create index api_tokens_org_idx on public.api_tokens (organization_id, created_at desc);

-- Policy helpers -----------------------------------------------------------------------------------

-- A request made with an API token carries the token's id in its claims and acts as the token's
-- creator: its role is the lower of the token's role and the creator's current role, and it has none
-- once the token is revoked or the creator leaves the organization.
create or replace function app_private.active_org_role() returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  claimed text := auth.jwt() ->> 'org_id';
  token text := auth.jwt() ->> 'token_id';
  result text;
  token_role text;
begin
  if claimed is null or claimed !~ '^[0-9a-fA-F-]{36}$' then
    return null;
  end if;
  select m.role into result from public.memberships m where m.user_id = auth.uid() and m.org_id = claimed::uuid;
  if token is null or result is null then
    return result;
  end if;
  if token !~ '^[0-9a-fA-F-]{36}$' then
    return null;
  end if;
  select t.role into token_role from public.api_tokens t
   where t.id = token::uuid and t.organization_id = claimed::uuid and t.created_by = auth.uid() and t.revoked_at is null;
  if token_role is null then
    return null;
  end if;
  if result = 'admin' then
    return token_role;
  end if;
  if result = 'manager' then
    return 'manager';
  end if;
  return result;
end
$$;

-- A token never carries its creator's platform powers, and a revoked token has no organization.
create or replace function app_private.is_superadmin() returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  result boolean;
begin
  if auth.jwt() ->> 'token_id' is not null then
    return false;
  end if;
  select u.is_superadmin into result from public.users u where u.id = auth.uid();
  return coalesce(result, false);
end
$$;

create or replace function app_private.active_org_id() returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  claimed text := auth.jwt() ->> 'org_id';
  token text := auth.jwt() ->> 'token_id';
  uid uuid := auth.uid();
  result uuid;
begin
  if claimed is null or uid is null or claimed !~ '^[0-9a-fA-F-]{36}$' then
    return null;
  end if;
  if token is not null and (
    token !~ '^[0-9a-fA-F-]{36}$'
    or not exists (select 1 from public.api_tokens t
                    where t.id = token::uuid and t.organization_id = claimed::uuid and t.created_by = uid and t.revoked_at is null)
  ) then
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

-- The integration types the signed-in user may see in the active organization: all of them for
-- admins and managers, only granted ones for agents.
create function app_private.can_view_integration(org uuid, kind text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  role text := app_private.active_org_role();
begin
  if org is distinct from app_private.active_org_id() or role is null then
    return false;
  end if;
  if role in ('admin', 'manager') then
    return true;
  end if;
  return exists (
    select 1 from public.user_integration_permissions p
     where p.organization_id = org and p.integration_type = kind and p.user_id = auth.uid()
       and (p.can_view_status or p.can_use)
  );
end
$$;

-- The sealed credentials and their masked hints, for admins of the active organization only: the
-- columns themselves are not granted to requests, so managers and agents cannot select them.
create function app_private.integration_sealed(kind text)
returns table (credentials_encrypted text, secret_hints jsonb)
language plpgsql stable security definer set search_path = '' as $$
begin
  if app_private.active_org_role() is distinct from 'admin' then
    return;
  end if;
  return query
    select c.credentials_encrypted, c.secret_hints from public.integration_credentials c
     where c.organization_id = app_private.active_org_id() and c.integration_type = kind;
end
$$;

revoke all on function app_private.integration_sealed(text) from public, anon;
grant execute on function app_private.integration_sealed(text) to authenticated;
revoke all on function app_private.can_view_integration(uuid, text) from public, anon;
grant execute on function app_private.can_view_integration(uuid, text) to authenticated, service_role;

-- Audit: a request made with an API token records itself as that token.
drop policy audit_insert on public.integration_audit_logs;
create policy audit_insert on public.integration_audit_logs for insert to authenticated
  with check (
    (
      actor_type = 'user'
      and actor_id = (select auth.uid())::text
      and (select auth.jwt() ->> 'token_id') is null
      and ((select app_private.is_superadmin()) or org_id = (select app_private.active_org_id()))
    )
    or (
      actor_type = 'api_token'
      and actor_id = (select auth.jwt() ->> 'token_id')
      and org_id = (select app_private.active_org_id())
    )
  );

-- Grants and policies ------------------------------------------------------------------------------

revoke all on public.integration_credentials, public.user_integration_permissions, public.api_tokens
  from public, anon, authenticated;
grant select (id, organization_id, integration_type, key_id, display_name, is_active, is_verified, last_verified_at,
  last_tested_at, last_test_ok, last_test_code, last_test_message, last_test_latency_ms, version, created_by, updated_by,
  created_at, updated_at),
  insert, update, delete on public.integration_credentials to authenticated;
grant select, insert, delete on public.user_integration_permissions to authenticated;
grant update (can_use, can_view_status, granted_by) on public.user_integration_permissions to authenticated;
-- The hash is written once and compared only on the elevated sign-in path; requests never read it.
grant select (id, organization_id, name, token_prefix, role, created_by, created_at, last_used_at, revoked_at, revoked_by),
  insert (organization_id, name, token_prefix, token_hash, role, created_by),
  update (revoked_at, revoked_by)
  on public.api_tokens to authenticated;
grant select, update on public.integration_credentials to service_role;
grant select, update on public.api_tokens to service_role;
grant select on public.user_integration_permissions to service_role;

alter table public.integration_credentials enable row level security;
alter table public.integration_credentials force row level security;
alter table public.user_integration_permissions enable row level security;
alter table public.user_integration_permissions force row level security;
alter table public.api_tokens enable row level security;
alter table public.api_tokens force row level security;

create policy integration_credentials_select on public.integration_credentials for select to authenticated
  using ((select app_private.can_view_integration(organization_id, integration_type)));
create policy integration_credentials_insert on public.integration_credentials for insert to authenticated
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and created_by = (select auth.uid()) and updated_by = (select auth.uid())
  );
create policy integration_credentials_update on public.integration_credentials for update to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and updated_by = (select auth.uid())
  );
create policy integration_credentials_delete on public.integration_credentials for delete to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
-- Key rotation (elevated path) re-seals rows in place.
create policy integration_credentials_rotation on public.integration_credentials for all to service_role
  using (true) with check (true);

-- Admins manage grants; everyone reads their own.
create policy user_integration_permissions_select on public.user_integration_permissions for select to authenticated
  using (
    user_id = (select auth.uid())
    or (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  );
create policy user_integration_permissions_insert on public.user_integration_permissions for insert to authenticated
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and user_id in (select app_private.active_org_user_ids()) and granted_by = (select auth.uid())
  );
create policy user_integration_permissions_update on public.user_integration_permissions for update to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and granted_by = (select auth.uid())
  );
create policy user_integration_permissions_delete on public.user_integration_permissions for delete to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy user_integration_permissions_service on public.user_integration_permissions for select to service_role
  using (true);

-- Admins list, create and revoke their organization's tokens (and only as themselves).
create policy api_tokens_select on public.api_tokens for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy api_tokens_insert on public.api_tokens for insert to authenticated
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and created_by = (select auth.uid()) and (select auth.jwt() ->> 'token_id') is null
  );
-- Revoking is the only update, and it is final: a revoked token cannot be revived.
create policy api_tokens_update on public.api_tokens for update to authenticated
  using (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and revoked_at is null
  )
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and revoked_at is not null and revoked_by = (select auth.uid()) and (select auth.jwt() ->> 'token_id') is null
  );
-- Authenticating a token (elevated path) finds it by hash and records when it was last used.
create policy api_tokens_authenticate on public.api_tokens for all to service_role
  using (true) with check (true);
