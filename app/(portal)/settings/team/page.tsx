import type { Metadata } from 'next';
import { Suspense } from 'react';
import { guardPage } from '@/lib/auth/page';
import { actorFromSession } from '@/lib/auth/actor';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { listMembers } from '@/lib/team/members';
import { roleLabel } from '@/lib/roles';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { LinkTabs } from '@/components/shell/link-tabs';
import { PageHeader } from '@/components/shell/page-header';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { When } from '@/components/shell/when';
import { MemberRoleSelect } from './_components/member-role-select';
import { InviteByEmailForm, RemoveMemberButton } from './_components/member-admin';
import { Invitations } from './_components/invitations';
import { listInvitations } from '@/lib/team/invitations';
import { PhoneNumbersTab } from './_components/phone-numbers-tab';

export const metadata: Metadata = { title: 'Team' };

type Tab = 'members' | 'phone-numbers';

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/team');
  const params = await searchParams;
  const requested = params.tab;
  // Agents have no members tab: they only see what is assigned to them.
  const tabs: { id: Tab; label: string }[] = [
    ...(ctx.role === 'agent' ? [] : [{ id: 'members' as const, label: 'Members' }]),
    { id: 'phone-numbers', label: 'Phone numbers' },
  ];
  const tab = tabs.find((t) => t.id === requested)?.id ?? tabs[0]!.id;

  return (
    <>
      <PageHeader title="Team" description={`People and phone numbers in ${ctx.active.orgName}.`} />
      {tabs.length > 1 ? (
        <LinkTabs label="Team sections" tabs={tabs} active={tab} hrefFor={(id) => `/settings/team?tab=${id}`} />
      ) : (
        // One section is no choice: a heading says what the page holds instead of a lone tab.
        <h2 className="mb-4 text-lg font-semibold">My numbers</h2>
      )}
      {tab === 'members' ? (
        // Authorization ran above, before streaming starts, so a refusal still gets its real status code.
        <Suspense fallback={<TableSkeleton />}>
          <MembersTab canEdit={ctx.role === 'admin'} ctx={ctx} />
        </Suspense>
      ) : (
        <Suspense fallback={<TableSkeleton />}>
          <PhoneNumbersTab ctx={ctx} params={params} />
        </Suspense>
      )}
    </>
  );
}

async function MembersTab({ canEdit, ctx }: { canEdit: boolean; ctx: Awaited<ReturnType<typeof requireOrgRole>> }) {
  const actor = actorFromSession(ctx);
  const [members, invitations] = await Promise.all([listMembers(actor), canEdit ? listInvitations(actor) : Promise.resolve([])]);
  if (members.length === 0) return <EmptyState title="No members yet" />;
  return (
    <>
      {canEdit && <InviteByEmailForm />}
      <Table aria-label="Members" layout="cards">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Joined</TableHead>
            {canEdit && <TableHead className="sr-only">Actions</TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.membershipId}>
              <TableCell className="font-medium">
                {m.name}
                {m.userId === ctx.user.id && <span className="text-muted-foreground ml-2 text-xs">(you)</span>}
              </TableCell>
              <TableCell data-label="Email" className="text-muted-foreground">{m.email}</TableCell>
              <TableCell data-label="Role">
                {canEdit ? (
                  <MemberRoleSelect key={`${m.membershipId}:${m.role}`} membershipId={m.membershipId} name={m.name} role={m.role} self={m.userId === ctx.user.id} />
                ) : (
                  <Badge variant="secondary">{roleLabel(m.role)}</Badge>
                )}
              </TableCell>
              <TableCell data-label="Joined" className="text-muted-foreground"><When iso={m.joinedAt} dateOnly /></TableCell>
              {canEdit && <TableCell data-actions className="text-right">{m.userId !== ctx.user.id && <RemoveMemberButton membershipId={m.membershipId} name={m.name} />}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {canEdit && <Invitations invitations={invitations} />}
    </>
  );
}
