-- Events per day (UTC) and outcome, kept beside the audit trail so the audit pages' daily chart reads a
-- few hundred counters instead of counting up to millions of rows on every view. Two tables: one row
-- per organization (and one chain for platform events), and platform-wide totals spread over 16 shards
-- so that organizations writing at the same moment rarely wait for the same counter row. The chain
-- trigger already serializes one organization's writers, so the per-organization rows add no waiting.
-- Statement triggers keep them: inserts add, the retention job's deletes subtract.

create table public.audit_daily_counts (
  chain text not null,
  org_id uuid,
  day date not null,
  outcome text not null,
  n bigint not null,
  primary key (chain, day, outcome)
);
create index audit_daily_counts_org_day_idx on public.audit_daily_counts (org_id, day);

create table public.audit_daily_totals (
  shard smallint not null,
  day date not null,
  outcome text not null,
  n bigint not null,
  primary key (day, outcome, shard)
);

create function app_private.audit_daily_add() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.audit_daily_counts (chain, org_id, day, outcome, n)
  select coalesce(org_id::text, 'platform'), org_id, (created_at at time zone 'UTC')::date, outcome, count(*)
    from new_rows group by 1, 2, 3, 4
  on conflict (chain, day, outcome) do update set n = public.audit_daily_counts.n + excluded.n;
  insert into public.audit_daily_totals (shard, day, outcome, n)
  select abs(hashtext(coalesce(org_id::text, 'platform'))) % 16, (created_at at time zone 'UTC')::date, outcome, count(*)
    from new_rows group by 1, 2, 3
  on conflict (day, outcome, shard) do update set n = public.audit_daily_totals.n + excluded.n;
  return null;
end
$$;

create function app_private.audit_daily_subtract() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.audit_daily_counts c set n = c.n - d.n
    from (select coalesce(org_id::text, 'platform') as chain, (created_at at time zone 'UTC')::date as day, outcome, count(*) as n
            from old_rows group by 1, 2, 3) d
   where c.chain = d.chain and c.day = d.day and c.outcome = d.outcome;
  update public.audit_daily_totals t set n = t.n - d.n
    from (select abs(hashtext(coalesce(org_id::text, 'platform'))) % 16 as shard, (created_at at time zone 'UTC')::date as day, outcome, count(*) as n
            from old_rows group by 1, 2, 3) d
   where t.shard = d.shard and t.day = d.day and t.outcome = d.outcome;
  return null;
end
$$;

create trigger integration_audit_logs_daily_add after insert on public.integration_audit_logs
  referencing new table as new_rows for each statement execute function app_private.audit_daily_add();
create trigger integration_audit_logs_daily_subtract after delete on public.integration_audit_logs
  referencing old table as old_rows for each statement execute function app_private.audit_daily_subtract();

-- Recounts both tables from the trail: at this migration, and after a bulk load that bypassed triggers
-- (the benchmark's seed).
create function app_private.audit_daily_rebuild() returns void
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.audit_daily_counts;
  delete from public.audit_daily_totals;
  insert into public.audit_daily_counts (chain, org_id, day, outcome, n)
  select coalesce(org_id::text, 'platform'), org_id, (created_at at time zone 'UTC')::date, outcome, count(*)
    from public.integration_audit_logs group by 1, 2, 3, 4;
  insert into public.audit_daily_totals (shard, day, outcome, n)
  select abs(hashtext(chain)) % 16, day, outcome, sum(n) from public.audit_daily_counts group by 1, 2, 3;
end
$$;

select app_private.audit_daily_rebuild();

revoke all on public.audit_daily_counts, public.audit_daily_totals from public, anon, authenticated, service_role;
grant select on public.audit_daily_counts, public.audit_daily_totals to authenticated;
revoke all on function app_private.audit_daily_add() from public, anon, authenticated;
revoke all on function app_private.audit_daily_subtract() from public, anon, authenticated;
revoke all on function app_private.audit_daily_rebuild() from public, anon, authenticated;

alter table public.audit_daily_counts enable row level security;
alter table public.audit_daily_counts force row level security;
alter table public.audit_daily_totals enable row level security;
alter table public.audit_daily_totals force row level security;

-- The same readers as the trail itself: an organization's admins their own counts, superadmins all.
create policy audit_daily_counts_select on public.audit_daily_counts for select to authenticated
  using (
    (select app_private.is_superadmin())
    or (org_id = (select app_private.active_org_id()) and (select app_private.active_org_role()) = 'admin')
  );
create policy audit_daily_totals_select on public.audit_daily_totals for select to authenticated
  using ((select app_private.is_superadmin()));
