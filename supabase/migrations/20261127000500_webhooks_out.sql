-- Outbound webhooks: an organization's own systems receive signed events (a message sent, a payment
-- refunded, an integration failing). Admins register endpoints; each event is stored once, with one
-- delivery per subscribed endpoint, and each delivery is attempted by the job runner until it
-- succeeds or its retry schedule runs out.
--
-- Admins manage endpoints through RLS; the signing secrets are sealed with the credentials keyring
-- and no role but the elevated path may read them. Events and deliveries are written on the elevated
-- path (by whatever emitted them, and by the job runner); admins read them through RLS.

create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  url text not null check (char_length(url) between 8 and 2000 and url ~ '^https?://'),
  description text not null default '' check (char_length(description) <= 200),
  event_types text[] not null check (cardinality(event_types) between 1 and 50),
  enabled boolean not null default true,
  -- Why it is off: an admin turned it off, the receiver answered 410 Gone, or it kept failing.
  disabled_reason text check (disabled_reason in ('manual', 'gone', 'failing')),
  disabled_at timestamptz,
  -- `whsec_…`, sealed with the keyring (bound to the organization and this endpoint); only the hint is readable.
  secret_sealed text not null,
  secret_hint text not null,
  key_id text not null,
  -- After a rotation the old secret signs beside the new one until it expires.
  previous_secret_sealed text,
  previous_secret_expires_at timestamptz,
  -- Consecutive failed attempts, and when the first of them was made.
  failure_streak integer not null default 0,
  failing_since timestamptz,
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((enabled and disabled_reason is null) or (not enabled and disabled_reason is not null))
);
create index webhook_endpoints_org_idx on public.webhook_endpoints (organization_id, created_at);

create table public.webhook_events (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  type text not null check (type ~ '^[a-z]+\.[a-z_]+$'),
  data jsonb not null,
  created_at timestamptz not null default now()
);
create index webhook_events_created_idx on public.webhook_events (created_at);

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  event_id uuid not null references public.webhook_events (id) on delete cascade,
  event_type text not null,
  status text not null default 'pending' check (status in ('pending', 'retrying', 'succeeded', 'failed')),
  attempt_count integer not null default 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_http_status integer,
  last_latency_ms integer,
  last_error text check (char_length(last_error) <= 300),
  -- The delivery this one repeats, when an admin asked for it again.
  redelivery_of uuid references public.webhook_deliveries (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);
create index webhook_deliveries_endpoint_idx on public.webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_org_idx on public.webhook_deliveries (organization_id, created_at desc);
create index webhook_deliveries_event_idx on public.webhook_deliveries (event_id);

create table public.webhook_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references public.webhook_deliveries (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  attempt integer not null check (attempt >= 1),
  started_at timestamptz not null,
  latency_ms integer,
  http_status integer,
  ok boolean not null,
  error text check (char_length(error) <= 300),
  -- The first characters of the answer, only when it carried nothing that looks like a secret.
  response_snippet text check (char_length(response_snippet) <= 200),
  unique (delivery_id, attempt)
);

revoke all on public.webhook_endpoints, public.webhook_events, public.webhook_deliveries, public.webhook_attempts from public, anon, authenticated;
grant select (id, organization_id, url, description, event_types, enabled, disabled_reason, disabled_at, secret_hint, key_id,
  previous_secret_expires_at, failure_streak, failing_since, created_by, created_at, updated_at)
  on public.webhook_endpoints to authenticated;
grant insert (id, organization_id, url, description, event_types, secret_sealed, secret_hint, key_id, created_by)
  on public.webhook_endpoints to authenticated;
grant update (url, description, event_types, enabled, disabled_reason, disabled_at, secret_sealed, secret_hint, key_id,
  previous_secret_sealed, previous_secret_expires_at, failure_streak, failing_since, updated_at)
  on public.webhook_endpoints to authenticated;
grant delete on public.webhook_endpoints to authenticated;
grant select on public.webhook_events, public.webhook_deliveries, public.webhook_attempts to authenticated;
grant select, insert, update, delete on public.webhook_endpoints, public.webhook_events, public.webhook_deliveries, public.webhook_attempts to service_role;

alter table public.webhook_endpoints enable row level security;
alter table public.webhook_endpoints force row level security;
alter table public.webhook_events enable row level security;
alter table public.webhook_events force row level security;
alter table public.webhook_deliveries enable row level security;
alter table public.webhook_deliveries force row level security;
alter table public.webhook_attempts enable row level security;
alter table public.webhook_attempts force row level security;

-- Only admins see and change where the organization's events go.
create policy webhook_endpoints_admin on public.webhook_endpoints for all to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  with check (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy webhook_endpoints_service on public.webhook_endpoints for all to service_role using (true) with check (true);

create policy webhook_events_admin_select on public.webhook_events for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy webhook_events_service on public.webhook_events for all to service_role using (true) with check (true);

create policy webhook_deliveries_admin_select on public.webhook_deliveries for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy webhook_deliveries_service on public.webhook_deliveries for all to service_role using (true) with check (true);

create policy webhook_attempts_admin_select on public.webhook_attempts for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy webhook_attempts_service on public.webhook_attempts for all to service_role using (true) with check (true);

-- Queues (or re-times) a delivery's job. Each endpoint's deliveries share one job queue, so an
-- endpoint receives one delivery at a time, in the order they were queued. Without the job schema
-- yet, nothing is queued (the runner's minute job picks up pending deliveries).
create function app_private.schedule_webhook_delivery(delivery uuid, endpoint uuid, delay_seconds double precision) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if to_regclass('graphile_worker._private_jobs') is null then
    return;
  end if;
  perform graphile_worker.add_job(
    'webhooks:deliver',
    json_build_object('deliveryId', delivery::text),
    queue_name := 'webhooks:' || endpoint::text,
    run_at := now() + make_interval(secs => greatest(delay_seconds, 0)),
    max_attempts := 1,
    job_key := 'webhooks:' || delivery::text,
    job_key_mode := 'replace'
  );
end
$$;
revoke all on function app_private.schedule_webhook_delivery(uuid, uuid, double precision) from public, anon, authenticated;
grant execute on function app_private.schedule_webhook_delivery(uuid, uuid, double precision) to service_role;
