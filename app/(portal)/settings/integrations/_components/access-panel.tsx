'use client';

import { roleLabel } from '@/lib/roles';
import { useState, useTransition } from 'react';
import { toast } from '@/lib/toast';
import type { MemberPermission } from '@/lib/integrations/permissions';
import { Switch } from '@/components/ui/switch';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { setPermissionAction } from '../actions';

/**
 * Who may see this integration's status and use it. Admins and managers always see status; agents
 * see only what they are granted here.
 */
export function AccessPanel({ type, providerName, members: initial }: { type: string; providerName: string; members: MemberPermission[] }) {
  const [members, setMembers] = useState(initial);
  const [pending, startTransition] = useTransition();

  const change = (member: MemberPermission, next: { canUse: boolean; canViewStatus: boolean }) =>
    startTransition(async () => {
      const response = await setPermissionAction({ type, user_id: member.userId, can_use: next.canUse, can_view_status: next.canViewStatus });
      if (!response.ok) {
        toast.error(response.error.message);
        return;
      }
      setMembers((list) => list.map((m) => (m.userId === member.userId ? { ...m, canUse: response.data.canUse, canViewStatus: response.data.canViewStatus } : m)));
      toast.success(`Access updated for ${member.name}`);
    });

  return (
    <Table aria-label={`Access to ${providerName}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Sees status</TableHead>
          <TableHead>May use</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => {
          const always = m.role !== 'agent';
          return (
            <TableRow key={m.userId}>
              <TableCell>
                <div className="font-medium">{m.name}</div>
                <div className="text-muted-foreground text-xs">{m.email}</div>
              </TableCell>
              <TableCell>{roleLabel(m.role)}</TableCell>
              <TableCell>
                <Switch
                  aria-label={`${m.name} sees ${providerName} status`}
                  checked={always || m.canViewStatus}
                  disabled={always || pending}
                  onCheckedChange={(checked) => change(m, { canUse: checked ? m.canUse : false, canViewStatus: checked })}
                />
              </TableCell>
              <TableCell>
                <Switch
                  aria-label={`${m.name} may use ${providerName}`}
                  checked={m.canUse}
                  disabled={pending}
                  onCheckedChange={(checked) => change(m, { canUse: checked, canViewStatus: checked ? true : m.canViewStatus })}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
