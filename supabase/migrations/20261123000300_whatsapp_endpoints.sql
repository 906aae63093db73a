-- Which server-defined WhatsApp endpoint serves each tenant, and how healthy it is.
-- Only the endpoint's name is stored: its URL and key stay in the server environment
-- (WHATSAPP_ENDPOINTS). Superadmins assign; a tenant's members read their own row; health results
-- are written by the health monitor on the elevated path.

create table public.tenant_whatsapp_config (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null unique references public.organizations (id) on delete cascade,
  endpoint_name text not null check (length(endpoint_name) between 1 and 100),
  auto_reconnect boolean not null default true,
  reconnect_interval integer not null default 30 check (reconnect_interval between 10 and 3600),
  health_check_interval integer not null default 60 check (health_check_interval between 10 and 3600),
  webhook_retries integer not null default 3 check (webhook_retries between 0 and 10),
  message_timeout integer not null default 30 check (message_timeout between 1 and 120),
  is_configured boolean not null default true,
  health_status text not null default 'unknown' check (health_status in ('unknown', 'healthy', 'degraded', 'unhealthy')),
  last_health_check timestamptz,
  last_healthy_at timestamptz,
  consecutive_failures integer not null default 0 check (consecutive_failures >= 0),
  -- A reason written by the portal ("Timed out after 30 s"), never a provider's body, URL or key.
  last_error text check (length(last_error) <= 200),
  last_latency_ms integer,
  -- When the current unhealthy stretch began, and when it was raised as an alert (after 5 minutes).
  unhealthy_since timestamptz,
  alert_raised_at timestamptz,
  -- Set while a check is in flight (scheduled or "Check now"), so a second one for the same tenant is
  -- refused instead of running alongside; a crashed check's claim expires after its timeout.
  check_started_at timestamptz,
  -- Bumped by every assignment change (not by health results), so two superadmins editing the same
  -- tenant cannot silently overwrite each other.
  version integer not null default 1,
  created_by uuid references public.users (id) on delete set null,
  updated_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index tenant_whatsapp_config_endpoint_idx on public.tenant_whatsapp_config (endpoint_name);
create index tenant_whatsapp_config_health_idx on public.tenant_whatsapp_config (health_status);
create index tenant_whatsapp_config_alert_idx on public.tenant_whatsapp_config (alert_raised_at) where alert_raised_at is not null;

-- The superadmin tenant list pages through organizations by name.
create index organizations_name_idx on public.organizations (name, id);

create trigger tenant_whatsapp_config_touch before update on public.tenant_whatsapp_config
  for each row execute function app_private.touch_updated_at();

-- Health checks are jobs in graphile-worker (schema graphile_worker, installed by `npm run db:migrate`
-- and by the runner itself). One pending job per tenant, keyed by tenant (the key is written here and
-- in lib/jobs/runner.ts), and each check first claims the row (check_started_at), so several portal
-- instances never run the same check twice. Assigning or changing an endpoint schedules a check at
-- once; removing it cancels the pending one. When the job schema is not there yet, the runner's
-- minute-by-minute reconciliation schedules the missing checks once it starts.
create function app_private.schedule_whatsapp_health() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if to_regclass('graphile_worker._private_jobs') is null then
    return null;
  end if;
  if tg_op = 'DELETE' then
    perform graphile_worker.remove_job('whatsapp-health:' || old.tenant_id::text);
  else
    perform graphile_worker.add_job(
      'whatsapp:health-check',
      json_build_object('tenantId', new.tenant_id),
      run_at := now(),
      max_attempts := 1,
      job_key := 'whatsapp-health:' || new.tenant_id::text,
      job_key_mode := 'replace'
    );
  end if;
  return null;
end
$$;
revoke all on function app_private.schedule_whatsapp_health() from public, anon, authenticated;

create trigger tenant_whatsapp_config_schedule_insert after insert on public.tenant_whatsapp_config
  for each row execute function app_private.schedule_whatsapp_health();
create trigger tenant_whatsapp_config_schedule_update after update on public.tenant_whatsapp_config
  for each row
  when (old.endpoint_name is distinct from new.endpoint_name
        or old.health_check_interval is distinct from new.health_check_interval
        or old.message_timeout is distinct from new.message_timeout)
  execute function app_private.schedule_whatsapp_health();
create trigger tenant_whatsapp_config_schedule_delete after delete on public.tenant_whatsapp_config
  for each row execute function app_private.schedule_whatsapp_health();

-- Grants and policies ------------------------------------------------------------------------------

revoke all on public.tenant_whatsapp_config from public, anon, authenticated;
grant select, insert, update, delete on public.tenant_whatsapp_config to authenticated;
grant select, update on public.tenant_whatsapp_config to service_role;

alter table public.tenant_whatsapp_config enable row level security;
alter table public.tenant_whatsapp_config force row level security;

-- Members of a tenant read its row (whichever of their organizations is active); superadmins read all.
create policy tenant_whatsapp_config_select on public.tenant_whatsapp_config for select to authenticated
  using (tenant_id in (select app_private.my_org_ids()) or (select app_private.is_superadmin()));
-- Tenants never write: assignment is a platform decision.
create policy tenant_whatsapp_config_insert on public.tenant_whatsapp_config for insert to authenticated
  with check ((select app_private.is_superadmin()));
create policy tenant_whatsapp_config_update on public.tenant_whatsapp_config for update to authenticated
  using ((select app_private.is_superadmin())) with check ((select app_private.is_superadmin()));
create policy tenant_whatsapp_config_delete on public.tenant_whatsapp_config for delete to authenticated
  using ((select app_private.is_superadmin()));
-- The health monitor (elevated path) records results; service_role bypasses RLS on Supabase and in
-- the compatibility roles, so this policy only matters where it does not.
create policy tenant_whatsapp_config_monitor on public.tenant_whatsapp_config for all to service_role
  using (true) with check (true);
