-- Sign-in throttling backs off instead of locking: each lockout of a key lasts twice the one before
-- (capped), and attempts made during a lockout neither count nor extend it. Keys are an account
-- together with the address it is tried from, and an address alone, so a stranger guessing from
-- elsewhere never locks the account's owner out.
alter table public.auth_throttle add column lockouts integer not null default 0;

-- Keys of the earlier scheme (`account:<email>`) are not used any more.
delete from public.auth_throttle where key like 'account:%';
