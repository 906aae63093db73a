-- Invitation links: an admin invites someone into the organization with a role; the link works until
-- it expires, is used or is revoked. Only a SHA-256 of the link's token is stored.

create table public.organization_invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  role text not null check (role in ('admin', 'manager', 'agent')),
  -- When set, only the person with this email may accept.
  email text check (email is null or (email = lower(btrim(email)) and email ~ '^[^@\s]+@[^@\s]+$')),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_by uuid not null references public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references public.users (id) on delete set null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
create index organization_invitations_org_idx on public.organization_invitations (organization_id, created_at desc);

revoke all on public.organization_invitations from public, anon, authenticated;
grant select (id, organization_id, role, email, created_by, created_at, expires_at, accepted_at, accepted_by, revoked_at),
  insert (organization_id, role, email, token_hash, created_by, expires_at),
  update (revoked_at)
  on public.organization_invitations to authenticated;
-- Opening a link (the visitor may not be a member, or signed in, yet) runs on the elevated path.
grant select, update on public.organization_invitations to service_role;

alter table public.organization_invitations enable row level security;
alter table public.organization_invitations force row level security;

create policy organization_invitations_select on public.organization_invitations for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy organization_invitations_insert on public.organization_invitations for insert to authenticated
  with check (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and created_by = (select auth.uid())
  );
-- Revoking is the only change an admin makes, and only to a link still open.
create policy organization_invitations_update on public.organization_invitations for update to authenticated
  using (
    organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin'
    and revoked_at is null and accepted_at is null
  )
  with check (organization_id = (select app_private.active_org_id()) and revoked_at is not null);
create policy organization_invitations_service on public.organization_invitations for all to service_role
  using (true) with check (true);
