-- Providers' callbacks: each organization's integration has an unguessable receiving id (its URL is
-- /api/webhooks/<type>/<id>); every delivery is logged (verified or why not), and verified ones are
-- applied by a job: request statuses move forward, calls complete, payments and signings record their
-- state, account events (Meta quality, templates) land on the integration.
--
-- Deliveries are received and applied on the elevated path (a provider has no session); admins read
-- the receiving ids and the log through RLS.

create table public.webhook_receivers (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  integration_type text not null check (integration_type ~ '^[a-z][a-z0-9_]{1,49}$'),
  -- The id in the URL (shown to admins) and its SHA-256, which the receiving route looks up by.
  token text not null check (token ~ '^[A-Za-z0-9_-]{32,64}$'),
  token_hash bytea not null unique,
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  -- Rotated away: still accepted until expires_at, so providers can be updated without a gap.
  retired_at timestamptz,
  expires_at timestamptz
);
create unique index webhook_receivers_current_idx on public.webhook_receivers (organization_id, integration_type) where retired_at is null;

create table public.webhook_deliveries_in (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  integration_type text not null,
  received_at timestamptz not null default now(),
  -- The provider's id of the delivery (or of its content), which drops a replay.
  event_id text check (char_length(event_id) <= 200),
  event_type text check (char_length(event_type) <= 200),
  verified boolean not null,
  outcome text not null check (outcome in ('queued', 'applied', 'duplicate', 'rejected', 'ignored', 'failed')),
  -- Why it was refused, or what applying it did: a sentence, never a body or a secret.
  detail text check (char_length(detail) <= 300),
  -- What the delivery said, in the portal's words (statuses, ids): kept only until it is applied.
  events jsonb,
  event_count integer not null default 0,
  applied_at timestamptz
);
create unique index webhook_deliveries_in_replay_idx on public.webhook_deliveries_in (organization_id, integration_type, event_id)
  where verified and outcome <> 'duplicate';
create index webhook_deliveries_in_log_idx on public.webhook_deliveries_in (organization_id, integration_type, received_at desc);
create index webhook_deliveries_in_age_idx on public.webhook_deliveries_in (received_at);

-- Payments, signings and meetings as their providers last reported them (the operations use these).
create table public.provider_objects (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  integration_type text not null,
  object_kind text not null check (object_kind in ('payment', 'signing', 'meeting')),
  object_id text not null check (char_length(object_id) between 1 and 200),
  status text not null check (char_length(status) <= 60),
  last_event text check (char_length(last_event) <= 100),
  ref text check (char_length(ref) <= 200),
  reason text check (char_length(reason) <= 300),
  event_at timestamptz not null,
  updated_at timestamptz not null default now(),
  primary key (organization_id, integration_type, object_kind, object_id)
);

-- What a provider said about the account itself: Meta's quality ratings and template reviews.
create table public.integration_account_events (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  integration_type text not null,
  topic text not null check (char_length(topic) <= 60),
  summary text not null check (char_length(summary) <= 300),
  occurred_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index integration_account_events_idx on public.integration_account_events (organization_id, integration_type, occurred_at desc);

-- What callbacks add to a request: when it was delivered and read, and a call's length.
alter table public.outbound_requests
  add column delivered_at timestamptz,
  add column read_at timestamptz,
  add column call_duration_seconds integer check (call_duration_seconds >= 0);
alter table public.outbound_requests drop constraint outbound_requests_status_check;
alter table public.outbound_requests add constraint outbound_requests_status_check
  check (status in ('queued', 'sending', 'held', 'sent', 'delivered', 'read', 'completed', 'failed', 'canceled'));
grant select (delivered_at, read_at, call_duration_seconds) on public.outbound_requests to authenticated;

revoke all on public.webhook_receivers, public.webhook_deliveries_in, public.provider_objects, public.integration_account_events
  from public, anon, authenticated;
grant select (id, organization_id, integration_type, token, created_at, retired_at, expires_at) on public.webhook_receivers to authenticated;
grant select (id, organization_id, integration_type, received_at, event_id, event_type, verified, outcome, detail, event_count, applied_at)
  on public.webhook_deliveries_in to authenticated;
grant select on public.provider_objects, public.integration_account_events to authenticated;
grant select, insert, update, delete on public.webhook_receivers, public.webhook_deliveries_in, public.provider_objects,
  public.integration_account_events to service_role;

alter table public.webhook_receivers enable row level security;
alter table public.webhook_receivers force row level security;
alter table public.webhook_deliveries_in enable row level security;
alter table public.webhook_deliveries_in force row level security;
alter table public.provider_objects enable row level security;
alter table public.provider_objects force row level security;
alter table public.integration_account_events enable row level security;
alter table public.integration_account_events force row level security;

-- Admins see their organization's receiving URLs and webhook log; what the callbacks recorded
-- (payments, signings, account events) any member of the organization may read.
create policy webhook_receivers_admin_select on public.webhook_receivers for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy webhook_receivers_service on public.webhook_receivers for all to service_role using (true) with check (true);
create policy webhook_deliveries_in_admin_select on public.webhook_deliveries_in for select to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy webhook_deliveries_in_service on public.webhook_deliveries_in for all to service_role using (true) with check (true);
create policy provider_objects_select on public.provider_objects for select to authenticated
  using (organization_id = (select app_private.active_org_id()));
create policy provider_objects_service on public.provider_objects for all to service_role using (true) with check (true);
create policy integration_account_events_select on public.integration_account_events for select to authenticated
  using (organization_id = (select app_private.active_org_id()));
create policy integration_account_events_service on public.integration_account_events for all to service_role using (true) with check (true);

-- Queues (or re-queues) the job that applies a verified delivery, in the transaction that logged it.
create function app_private.schedule_webhook_apply(delivery bigint) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if to_regclass('graphile_worker._private_jobs') is null then
    return;
  end if;
  perform graphile_worker.add_job('webhooks-in:apply', json_build_object('deliveryId', delivery), max_attempts := 20,
    job_key := 'webhook-in:' || delivery::text);
end
$$;
revoke all on function app_private.schedule_webhook_apply(bigint) from public, anon, authenticated;
grant execute on function app_private.schedule_webhook_apply(bigint) to service_role;
