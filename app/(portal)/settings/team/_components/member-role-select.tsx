'use client';

import { useState, useTransition } from 'react';
import { toast } from '@/lib/toast';
import type { OrgRole } from '@/lib/db/rls';
import { orgRoles } from '@/lib/validations/constants';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { updateMemberRoleAction } from '../actions';

export function MemberRoleSelect({ membershipId, name, role }: { membershipId: string; name: string; role: OrgRole }) {
  const [value, setValue] = useState<OrgRole>(role);
  const [pending, startTransition] = useTransition();

  return (
    <Select
      value={value}
      disabled={pending}
      onValueChange={(next) =>
        startTransition(async () => {
          const previous = value;
          setValue(next as OrgRole);
          const result = await updateMemberRoleAction({ membershipId, role: next as OrgRole });
          if (!result.ok) {
            setValue(previous);
            toast.error(result.error.message);
            return;
          }
          toast.success(`${result.data.name} is now ${/^[aeiou]/.test(result.data.role) ? 'an' : 'a'} ${result.data.role}`);
        })
      }
    >
      <SelectTrigger size="sm" className="w-32" aria-label={`Role of ${name}`}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {orgRoles.map((r) => (
          <SelectItem key={r} value={r}>
            {r[0]?.toUpperCase()}
            {r.slice(1)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
