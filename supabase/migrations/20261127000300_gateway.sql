-- The gateway: what an organization sends through its integrations (WhatsApp, SMS, email, calls),
-- each request with its attempts, which integration serves each channel, and the idempotency keys
-- that make a repeated request answer the same instead of sending twice.
--
-- Requests are written and executed on the elevated path (the API accepts them for members and API
-- tokens alike, the job runner sends them); people read them through RLS: admins and managers every
-- request of the organization, agents the ones they sent.

create table public.channel_routes (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'sms', 'email', 'call')),
  primary_type text not null check (primary_type ~ '^[a-z][a-z0-9_]{1,49}$'),
  fallback_type text check (fallback_type ~ '^[a-z][a-z0-9_]{1,49}$' and fallback_type <> primary_type),
  version integer not null default 1,
  updated_by uuid references public.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (organization_id, channel)
);

create table public.outbound_requests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'sms', 'email', 'call')),
  kind text not null check (kind in ('text', 'template', 'otp', 'email', 'call')),
  -- The integration that sends it; it changes only when a fallback takes over.
  integration_type text not null check (integration_type ~ '^[a-z][a-z0-9_]{1,49}$'),
  fallback_type text check (fallback_type ~ '^[a-z][a-z0-9_]{1,49}$'),
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'held', 'sent', 'delivered', 'read', 'failed', 'canceled')),
  recipient text not null check (char_length(recipient) between 1 and 320),
  -- Who asked: a member (sender_user_id) or an API token (sender_token_id), with a label that stays
  -- readable after either is gone.
  sender_user_id uuid references public.users (id) on delete set null,
  sender_token_id uuid references public.api_tokens (id) on delete set null,
  sender_label text not null,
  source text not null default 'api' check (source in ('api', 'test', 'portal')),
  idempotency_key text check (char_length(idempotency_key) between 1 and 255),
  -- The message itself (body, template variables), sealed with the credentials keyring and bound to
  -- the organization and this request's id; erased once the provider has it or the request ends.
  payload_sealed text,
  provider_message_id text,
  error_code text,
  error_message text,
  attempt_count integer not null default 0,
  -- Attempts are counted, and their age measured, from here: acceptance, a release or a fallback.
  retry_window_start timestamptz not null default now(),
  next_attempt_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  completed_at timestamptz
);
create index outbound_requests_org_idx on public.outbound_requests (organization_id, created_at desc, id desc);
create index outbound_requests_sender_idx on public.outbound_requests (organization_id, sender_user_id, created_at desc);
create index outbound_requests_held_idx on public.outbound_requests (organization_id, integration_type) where status = 'held';
create index outbound_requests_open_idx on public.outbound_requests (status, updated_at) where status in ('queued', 'sending');
create index outbound_requests_provider_idx on public.outbound_requests (integration_type, provider_message_id) where provider_message_id is not null;

create table public.outbound_attempts (
  id bigint generated always as identity primary key,
  request_id uuid not null references public.outbound_requests (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  attempt integer not null check (attempt >= 1),
  integration_type text not null,
  started_at timestamptz not null,
  latency_ms integer,
  http_status integer,
  outcome text not null check (outcome in ('accepted', 'retry', 'dead', 'rejected')),
  code text,
  provider_code text,
  message text,
  retry_after_seconds integer,
  unique (request_id, attempt)
);
create index outbound_attempts_org_idx on public.outbound_attempts (organization_id, request_id);

-- An Idempotency-Key is the organization's for 24 hours: the same key and body answer what the first
-- answered; another body under the same key is refused.
create table public.idempotency_keys (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  key text not null check (char_length(key) between 1 and 255),
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
  response_status integer not null,
  response_body jsonb not null,
  created_at timestamptz not null default now(),
  primary key (organization_id, key)
);
create index idempotency_keys_created_idx on public.idempotency_keys (created_at);

revoke all on public.channel_routes, public.outbound_requests, public.outbound_attempts, public.idempotency_keys from public, anon, authenticated;
grant select, insert, update, delete on public.channel_routes to authenticated;
grant select (id, organization_id, channel, kind, integration_type, fallback_type, status, recipient, sender_user_id, sender_token_id,
  sender_label, source, idempotency_key, provider_message_id, error_code, error_message, attempt_count, next_attempt_at,
  created_at, updated_at, sent_at, completed_at)
  on public.outbound_requests to authenticated;
grant select on public.outbound_attempts to authenticated;
grant select, insert, update, delete on public.channel_routes, public.outbound_requests, public.outbound_attempts, public.idempotency_keys to service_role;
-- A call's caller ID is a number assigned to the member, read on the elevated path that accepts it.
grant select on public.organization_phone_numbers to service_role;

alter table public.channel_routes enable row level security;
alter table public.channel_routes force row level security;
alter table public.outbound_requests enable row level security;
alter table public.outbound_requests force row level security;
alter table public.outbound_attempts enable row level security;
alter table public.outbound_attempts force row level security;
alter table public.idempotency_keys enable row level security;
alter table public.idempotency_keys force row level security;

create policy channel_routes_select on public.channel_routes for select to authenticated
  using (organization_id = (select app_private.active_org_id()));
-- Only admins choose which integration sends.
create policy channel_routes_admin_insert on public.channel_routes for insert to authenticated
  with check (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy channel_routes_admin_update on public.channel_routes for update to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  with check (organization_id = (select app_private.active_org_id()));
create policy channel_routes_admin_delete on public.channel_routes for delete to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy channel_routes_service on public.channel_routes for all to service_role using (true) with check (true);

-- Admins and managers see every request of the organization; agents the ones they sent.
create policy outbound_requests_select on public.outbound_requests for select to authenticated
  using (
    organization_id = (select app_private.active_org_id())
    and ((select app_private.active_org_role()) in ('admin', 'manager') or sender_user_id = (select auth.uid()))
  );
create policy outbound_requests_service on public.outbound_requests for all to service_role using (true) with check (true);

create policy outbound_attempts_select on public.outbound_attempts for select to authenticated
  using (exists (select 1 from public.outbound_requests r where r.id = request_id));
create policy outbound_attempts_service on public.outbound_attempts for all to service_role using (true) with check (true);

create policy idempotency_keys_service on public.idempotency_keys for all to service_role using (true) with check (true);

-- Admins discard the requests held for an integration whose credentials died: they end as canceled
-- and their sealed messages are erased. The only change people make to requests.
create function app_private.discard_held_requests(kind text) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  n integer;
begin
  if app_private.active_org_role() is distinct from 'admin' then
    return 0;
  end if;
  update public.outbound_requests
     set status = 'canceled', payload_sealed = null, completed_at = now(), updated_at = now(),
         error_code = 'discarded', error_message = 'An admin discarded it while the integration needed reconnecting.'
   -- Qualified: outbound_requests has a column named kind too.
   where organization_id = app_private.active_org_id() and integration_type = discard_held_requests.kind and status = 'held';
  get diagnostics n = row_count;
  return n;
end
$$;
revoke all on function app_private.discard_held_requests(text) from public, anon;
grant execute on function app_private.discard_held_requests(text) to authenticated;

-- Providers' sending windows, shared by every process (rate-limiter-flexible's Postgres store: its
-- own table layout). Only the application's owner connection touches it.
create table app_private.provider_rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
alter table app_private.provider_rate_limits enable row level security;
revoke all on app_private.provider_rate_limits from public, anon, authenticated, service_role;

-- Queues (or re-times) a request's send job. The job queue belongs to the database owner; the
-- gateway's elevated path reaches it only through this function. Without the job schema yet, the
-- runner's reconciliation queues the request once it starts.
create function app_private.schedule_outbound_send(request uuid, delay_seconds double precision) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if to_regclass('graphile_worker._private_jobs') is null then
    return;
  end if;
  perform graphile_worker.add_job(
    'outbound:send',
    json_build_object('requestId', request::text),
    run_at := now() + make_interval(secs => greatest(delay_seconds, 0)),
    max_attempts := 1,
    job_key := 'outbound:' || request::text,
    job_key_mode := 'replace'
  );
end
$$;
revoke all on function app_private.schedule_outbound_send(uuid, double precision) from public, anon, authenticated;
grant execute on function app_private.schedule_outbound_send(uuid, double precision) to service_role;
