import Link from 'next/link';
import { formatPhone as pretty } from '@/lib/validations/profile';
import { actorFromSession } from '@/lib/auth/actor';
import type { OrgContext } from '@/lib/auth/guards';
import { listIntegrations } from '@/lib/integrations/status';
import { serverProviders } from '@/lib/integrations/registry.server';
import { listNumbers, PAGE_SIZE } from '@/lib/phone/numbers';
import { latestSyncs } from '@/lib/phone/sync';
import { listMembers } from '@/lib/team/members';
import { numberFilterSchema, type NumberFilters } from '@/lib/validations/phone-numbers';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { AssignSelect, HistoryButton, PrimaryButton } from './number-controls';
import { CallButton } from './call-button';
import { SyncPanel } from './sync-panel';

const sourceNames = Object.fromEntries(serverProviders.map((p) => [p.id, p.name]));

function hrefWith(params: Record<string, string | undefined>, change: Record<string, string | undefined>) {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...change, tab: 'phone-numbers' })) if (v) next.set(k, v);
  return `/settings/team?${next.toString()}`;
}

/**
 * Team leads and admins: every number, filterable, with assignment, primary and history (and sync
 * for admins). Agents: the numbers assigned to them.
 */
export async function PhoneNumbersTab({ ctx, params }: { ctx: OrgContext; params: Record<string, string | undefined> }) {
  const actor = actorFromSession(ctx);
  const lead = ctx.role !== 'agent';
  const parsed = numberFilterSchema.safeParse(params);
  const filters: NumberFilters = parsed.success ? parsed.data : {};
  const [{ numbers, total, page }, members, statuses, syncs] = await Promise.all([
    listNumbers(actor, filters),
    lead ? listMembers(actor) : Promise.resolve([]),
    lead ? listIntegrations(actor) : Promise.resolve([]),
    latestSyncs(actor),
  ]);
  const sources = serverProviders
    .filter((p) => p.sync)
    .map((p) => ({ type: p.id, name: p.name, configured: ['verified', 'unverified', 'failing', 'environment'].includes(statuses.find((s) => s.type === p.id)?.state ?? '') }));
  const memberOptions = members.map((m) => ({ userId: m.userId, name: m.name }));
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);

  return (
    <div className="grid gap-6">
      {lead && <SyncPanel orgId={ctx.orgId} sources={sources} canSync={ctx.role === 'admin'} initial={syncs} />}
      {!parsed.success && <p role="alert" className="text-destructive text-sm">Some filters were not understood and are ignored.</p>}
      {lead && (
        <form method="get" action="/settings/team" aria-label="Filter phone numbers" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="tab" value="phone-numbers" />
          <label className="grid gap-1 text-sm">
            Search
            <Input name="q" defaultValue={filters.q ?? ''} placeholder="Number or name" className="w-56" />
          </label>
          <label className="grid gap-1 text-sm">
            Status
            <NativeSelect name="status" defaultValue={filters.status ?? 'all'} className="w-40">
              <NativeSelectOption value="all">All</NativeSelectOption>
              <NativeSelectOption value="assigned">Assigned</NativeSelectOption>
              <NativeSelectOption value="unassigned">Unassigned</NativeSelectOption>
              <NativeSelectOption value="inactive">No longer listed</NativeSelectOption>
            </NativeSelect>
          </label>
          <label className="grid gap-1 text-sm">
            Assigned to
            <NativeSelect name="assignee" defaultValue={filters.assignee ?? ''} className="w-44">
              <NativeSelectOption value="">Anyone</NativeSelectOption>
              {memberOptions.map((m) => (
                <NativeSelectOption key={m.userId} value={m.userId}>
                  {m.name}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </label>
          <Button type="submit" variant="outline">
            Filter
          </Button>
        </form>
      )}
      {numbers.length === 0 ? (
        <EmptyState title={lead ? 'No phone numbers' : 'No numbers assigned to you'}>
          {lead ? 'Configure a phone provider under Integrations and sync its numbers, or change the filters.' : 'Your team lead assigns numbers to you.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label={lead ? 'Phone numbers' : 'Your phone numbers'} layout="cards">
            <TableHeader>
              <TableRow>
                <TableHead>Number</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Can</TableHead>
                <TableHead>Source</TableHead>
                <TableHead>Assigned to</TableHead>
                <TableHead className="sr-only">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {numbers.map((n) => (
                <TableRow key={n.id} data-number={n.phone_number} className={n.is_active ? '' : 'opacity-60'}>
                  <TableCell>
                    <div className="font-medium">
                      {pretty(n.phone_number)} {n.is_primary && <Badge className="ml-1">Primary</Badge>}
                      {!n.is_active && <Badge variant="outline" className="ml-1">No longer listed</Badge>}
                    </div>
                    {n.display_name && <div className="text-muted-foreground text-xs">{n.display_name}</div>}
                  </TableCell>
                  <TableCell data-label="Type" className="capitalize">{n.number_type ?? '—'}</TableCell>
                  <TableCell data-label="Can" className="text-xs">{[n.can_call && 'Call', n.can_sms && 'SMS', n.can_whatsapp && 'WhatsApp'].filter(Boolean).join(', ') || '—'}</TableCell>
                  <TableCell data-label="Source" className="text-xs">{sourceNames[n.source] ?? n.source}</TableCell>
                  <TableCell data-label="Assigned to">
                    {lead ? (
                      <AssignSelect key={`${n.id}:${n.version}:${n.assigned_to_user_id ?? ''}`} id={n.id} phone={pretty(n.phone_number)} assigneeId={n.assigned_to_user_id} version={n.version} members={memberOptions} disabled={!n.is_active} />
                    ) : (
                      'You'
                    )}
                  </TableCell>
                  <TableCell data-actions className="text-right whitespace-nowrap">
                    {n.is_active && n.can_call && n.assigned_to_user_id === ctx.user.id && <CallButton id={n.id} phone={pretty(n.phone_number)} />}
                    {lead && n.is_active && !n.is_primary && <PrimaryButton id={n.id} phone={pretty(n.phone_number)} />}
                    {lead && <HistoryButton orgId={ctx.orgId} id={n.id} phone={pretty(n.phone_number)} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav aria-label="Pages" className="flex items-center justify-between text-sm">
            <span className="text-muted-foreground">
              {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}
            </span>
            <span className="flex gap-2">
              {page > 1 && (
                <Button asChild variant="outline" size="sm">
                  <Link href={hrefWith(params, { page: String(page - 1) })}>Previous</Link>
                </Button>
              )}
              {last < total && (
                <Button asChild variant="outline" size="sm">
                  <Link href={hrefWith(params, { page: String(page + 1) })}>Next</Link>
                </Button>
              )}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
