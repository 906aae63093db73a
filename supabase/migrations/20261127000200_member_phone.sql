-- Each person's own phone number, which click-to-call rings first. It is personal data: only its
-- owner reads or changes it under RLS; the call feature finds it on the named elevated path.

alter table public.users
  add column phone text check (phone ~ '^\+[1-9][0-9]{1,14}$'),
  add column version integer not null default 1;

-- A profile form carries the version it loaded, so a save over a newer edit (another tab, another
-- device) is refused instead of silently overwriting it. Only changes a person can see count.
create function app_private.users_bump_version() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (new.name, new.phone) is distinct from (old.name, old.phone) then
    new.version := old.version + 1;
  else
    new.version := old.version;
  end if;
  return new;
end
$$;
create trigger users_bump_version before update on public.users
  for each row execute function app_private.users_bump_version();

-- The phone column is left out of the select grant: colleagues may see each other's names and
-- emails, never their phones. Its owner reads it through this function.
create function app_private.own_phone() returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  result text;
begin
  select u.phone into result from public.users u where u.id = auth.uid();
  return result;
end
$$;
revoke all on function app_private.own_phone() from public, anon;
grant execute on function app_private.own_phone() to authenticated, service_role;

grant select (version) on public.users to authenticated;
grant update (phone) on public.users to authenticated;

-- A person changes only their own name and phone; superadmins no longer edit other people's rows
-- (nothing in the portal did, and a phone number is its owner's to give).
drop policy users_update_self on public.users;
create policy users_update_self on public.users for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
