-- Operations: payments, meetings, calendar events, signing requests and identity checks made on the
-- organization's behalf through its integrations. Each call is a row in the same request log as
-- messages and calls, so it has the same attempts, idempotency, filters and retention; it names the
-- provider's object it created or acted on, and what the provider last said about it.

alter table public.outbound_requests drop constraint outbound_requests_channel_check;
alter table public.outbound_requests add constraint outbound_requests_channel_check
  check (channel in ('whatsapp', 'sms', 'email', 'call', 'payments', 'meetings', 'calendar', 'signing', 'kyc'));
alter table public.outbound_requests drop constraint outbound_requests_kind_check;
alter table public.outbound_requests add constraint outbound_requests_kind_check
  check (kind in ('text', 'template', 'otp', 'email', 'call', 'operation'));

-- An operation has no recipient: what it was about is in `operation` and `details`.
alter table public.outbound_requests alter column recipient drop not null;
alter table public.outbound_requests add constraint outbound_requests_recipient_check_kind
  check (recipient is not null or kind = 'operation');

alter table public.outbound_requests
  -- The provider's operation as the integration declares it: create_intent, create_meeting…
  add column operation text check (operation ~ '^[a-z][a-z_]{1,39}$'),
  -- The provider's word for the object's state (requires_payment_method, succeeded, waiting).
  add column object_status text check (char_length(object_status) <= 60),
  -- Facts about the object that later operations need (amount, currency, a capture id): never
  -- personal data, never a secret.
  add column details jsonb check (details is null or (jsonb_typeof(details) = 'object' and pg_column_size(details) <= 2048)),
  add constraint outbound_requests_operation_kind check ((kind = 'operation') = (operation is not null));

grant select (operation, object_status, details) on public.outbound_requests to authenticated;

-- Later operations find the object by the provider's id within the organization only.
create index outbound_requests_object_idx on public.outbound_requests (organization_id, integration_type, provider_message_id)
  where kind = 'operation' and provider_message_id is not null;

-- The health answer counts the last hour's attempts per integration.
create index outbound_attempts_recent_idx on public.outbound_attempts (organization_id, started_at);
create index outbound_attempts_started_idx on public.outbound_attempts (started_at);

-- A scope per family of operations, to read and to act.
alter table public.api_tokens drop constraint api_tokens_scopes_known;
alter table public.api_tokens
  add constraint api_tokens_scopes_known check (
    cardinality(scopes) >= 1
    and scopes <@ array['settings:read', 'settings:write', 'requests:read', 'messages:send', 'calls:create',
      'payments:read', 'payments:write', 'meetings:read', 'meetings:write', 'calendar:read', 'calendar:write',
      'signing:read', 'signing:write', 'kyc:read', 'kyc:write']::text[]
  );
