-- The audit trail: append-only, one hash chain per organization (and one for platform events).
-- Application roles may only insert and read; a trigger refuses updates and deletes even from the
-- table owner, except deletes by the retention job's own role, which first copies rows to the archive.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'audit_retention') then
    create role audit_retention nologin noinherit;
  end if;
  if not pg_has_role(current_user, 'audit_retention', 'member') then
    execute format('grant audit_retention to %I', current_user);
  end if;
end
$$;

create table public.integration_audit_logs (
  id bigint generated always as identity primary key,
  -- No foreign key: the trail outlives the organizations and users it mentions.
  org_id uuid,
  chain_seq bigint not null,
  actor_type text not null check (actor_type in ('user', 'api_token', 'system')),
  actor_id text,
  actor_label text,
  action text not null check (action ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$'),
  integration_type text,
  target_type text,
  target_id text,
  outcome text not null default 'success' check (outcome in ('success', 'failure', 'denied')),
  changed_fields text[] not null default '{}',
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  ip inet,
  user_agent text check (length(user_agent) <= 512),
  created_at timestamptz not null default clock_timestamp(),
  prev_hash text not null,
  hash text not null
);

-- Newest-first keyset pages, per organization and across all of them, and the common filters.
create index integration_audit_logs_org_time_idx on public.integration_audit_logs (org_id, created_at desc, id desc);
create index integration_audit_logs_time_idx on public.integration_audit_logs (created_at desc, id desc);
create index integration_audit_logs_org_action_idx on public.integration_audit_logs (org_id, action, created_at desc, id desc);
-- Across organizations too: under RLS the planner cannot see that a superadmin passes every row,
-- underestimates the matches and would otherwise scan the table.
create index integration_audit_logs_action_idx on public.integration_audit_logs (action, created_at desc, id desc);
create index integration_audit_logs_org_target_idx on public.integration_audit_logs (org_id, target_id);
create unique index integration_audit_logs_chain_idx on public.integration_audit_logs (coalesce(org_id::text, 'platform'), chain_seq);

-- Archived rows keep every column, hashes included, so a chain stays verifiable across both tables.
create table public.integration_audit_logs_archive (like public.integration_audit_logs including constraints);
alter table public.integration_audit_logs_archive add primary key (id);
create unique index integration_audit_logs_archive_chain_idx
  on public.integration_audit_logs_archive (coalesce(org_id::text, 'platform'), chain_seq);

-- The head of each chain: its last sequence number and hash. Locking a head row serializes writers
-- of one organization only.
create table public.audit_chain_heads (
  chain text primary key,
  seq bigint not null,
  hash text not null
);

-- The hash of a row: SHA-256 over a JSON array of every column but id and hash, so nothing can be
-- changed, added or re-ordered without breaking it. Also used by `npm run audit:verify`.
create function app_private.audit_hash(
  prev_hash text, org_id uuid, chain_seq bigint, actor_type text, actor_id text, actor_label text,
  action text, integration_type text, target_type text, target_id text, outcome text,
  changed_fields text[], metadata jsonb, ip inet, user_agent text, created_at timestamptz
) returns text
language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(jsonb_build_array(
    prev_hash, org_id, chain_seq, actor_type, actor_id, actor_label, action, integration_type,
    target_type, target_id, outcome, to_jsonb(changed_fields), metadata, host(ip), user_agent,
    to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8')), 'hex')
$$;

create function app_private.audit_chain_append() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chain_key text := coalesce(new.org_id::text, 'platform');
  head record;
begin
  insert into public.audit_chain_heads (chain, seq, hash)
  values (chain_key, 0, repeat('0', 64))
  on conflict (chain) do nothing;
  select h.seq, h.hash into head from public.audit_chain_heads h where h.chain = chain_key for update;

  new.chain_seq := head.seq + 1;
  new.prev_hash := head.hash;
  new.created_at := clock_timestamp();
  new.hash := app_private.audit_hash(
    new.prev_hash, new.org_id, new.chain_seq, new.actor_type, new.actor_id, new.actor_label,
    new.action, new.integration_type, new.target_type, new.target_id, new.outcome,
    new.changed_fields, new.metadata, new.ip, new.user_agent, new.created_at);

  update public.audit_chain_heads set seq = new.chain_seq, hash = new.hash where chain = chain_key;
  return new;
end
$$;

create trigger integration_audit_logs_chain before insert on public.integration_audit_logs
  for each row execute function app_private.audit_chain_append();

create function app_private.audit_refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' and current_user = 'audit_retention' then
    return old;
  end if;
  raise exception 'the audit trail is append-only: % is not allowed', lower(tg_op)
    using errcode = 'insufficient_privilege';
end
$$;

create trigger integration_audit_logs_immutable before update or delete on public.integration_audit_logs
  for each row execute function app_private.audit_refuse_change();
create trigger integration_audit_logs_no_truncate before truncate on public.integration_audit_logs
  for each statement execute function app_private.audit_refuse_change();
create trigger integration_audit_logs_archive_immutable before update or delete on public.integration_audit_logs_archive
  for each row execute function app_private.audit_refuse_change();
create trigger integration_audit_logs_archive_no_truncate before truncate on public.integration_audit_logs_archive
  for each statement execute function app_private.audit_refuse_change();

-- Grants -------------------------------------------------------------------------------------------

revoke all on public.integration_audit_logs, public.integration_audit_logs_archive, public.audit_chain_heads
  from public, anon, authenticated, service_role;
grant select, insert on public.integration_audit_logs to authenticated, service_role;
grant select on public.integration_audit_logs_archive to service_role;
grant select, delete on public.integration_audit_logs to audit_retention;
grant select, insert on public.integration_audit_logs_archive to audit_retention;
-- The chain heads are written only by the security-definer trigger; the verifier reads them.
grant select on public.audit_chain_heads to service_role;

revoke all on function app_private.audit_hash(text, uuid, bigint, text, text, text, text, text, text, text, text, text[], jsonb, inet, text, timestamptz) from public, anon;
grant execute on function app_private.audit_hash(text, uuid, bigint, text, text, text, text, text, text, text, text, text[], jsonb, inet, text, timestamptz) to service_role;
revoke all on function app_private.audit_chain_append() from public, anon, authenticated;
revoke all on function app_private.audit_refuse_change() from public, anon, authenticated;
grant usage on schema app_private to audit_retention;

-- Row-level security --------------------------------------------------------------------------------

alter table public.integration_audit_logs enable row level security;
alter table public.integration_audit_logs force row level security;
alter table public.integration_audit_logs_archive enable row level security;
alter table public.integration_audit_logs_archive force row level security;
alter table public.audit_chain_heads enable row level security;
alter table public.audit_chain_heads force row level security;

-- Admins read their organization's trail; superadmins read every trail.
create policy audit_select on public.integration_audit_logs for select to authenticated
  using (
    (select app_private.is_superadmin())
    or (org_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  );

-- A request records what it did as itself, in its own organization (superadmins in any).
create policy audit_insert on public.integration_audit_logs for insert to authenticated
  with check (
    actor_type = 'user'
    and actor_id = (select auth.uid())::text
    and ((select app_private.is_superadmin()) or org_id = (select app_private.active_org_id()))
  );

create policy audit_retention_select on public.integration_audit_logs for select to audit_retention using (true);
create policy audit_retention_delete on public.integration_audit_logs for delete to audit_retention using (true);
create policy audit_archive_retention_insert on public.integration_audit_logs_archive for insert to audit_retention
  with check (true);
create policy audit_archive_retention_select on public.integration_audit_logs_archive for select to audit_retention
  using (true);
