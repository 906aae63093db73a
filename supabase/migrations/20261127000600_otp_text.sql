-- What an organization's one-time-password texts say: its own words, with {code} where the code
-- goes. Without a row the portal's default text is used. Every member's sends read it (the API
-- accepts OTPs from any member or token); only admins change it.

create table public.sending_settings (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  otp_text text not null check (char_length(otp_text) between 10 and 300 and otp_text like '%{code}%'),
  version integer not null default 1,
  updated_by uuid references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);

revoke all on public.sending_settings from public, anon, authenticated;
grant select, insert, update, delete on public.sending_settings to authenticated;
grant select, insert, update, delete on public.sending_settings to service_role;

alter table public.sending_settings enable row level security;
alter table public.sending_settings force row level security;

create policy sending_settings_select on public.sending_settings for select to authenticated
  using (organization_id = (select app_private.active_org_id()));
create policy sending_settings_admin_insert on public.sending_settings for insert to authenticated
  with check (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy sending_settings_admin_update on public.sending_settings for update to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  with check (organization_id = (select app_private.active_org_id()));
create policy sending_settings_admin_delete on public.sending_settings for delete to authenticated
  using (organization_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin');
create policy sending_settings_service on public.sending_settings for all to service_role using (true) with check (true);
