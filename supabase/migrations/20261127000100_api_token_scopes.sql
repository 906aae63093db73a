-- API tokens carry scopes: the kinds of request a token may make, chosen when it is created (the role
-- still caps what it can do within them). Sending messages and placing calls on the organization's
-- behalf need a scope of their own, so no token can do that unless it was created for it.
--
-- Tokens created before scopes existed keep exactly what they could do: every token route reads or
-- changes settings. The default gives the same to a row inserted without scopes, and never a
-- sending scope.
alter table public.api_tokens
  add column scopes text[] not null default array['settings:read', 'settings:write']::text[];

-- The known scopes. Adding one replaces this constraint (and adds it to the application's list).
alter table public.api_tokens
  add constraint api_tokens_scopes_known check (
    cardinality(scopes) >= 1
    and scopes <@ array['settings:read', 'settings:write', 'requests:read', 'messages:send', 'calls:create']::text[]
  );

-- Admins choose the scopes when creating a token and read them back; nobody changes them afterwards
-- (the only update granted is revoking).
grant select (scopes), insert (scopes) on public.api_tokens to authenticated;
