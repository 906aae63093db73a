'use client';

import { useState, useTransition } from 'react';
import { toast } from '@/lib/toast';
import type { OrgRole } from '@/lib/db/rls';
import { orgRoles } from '@/lib/validations/constants';
import { roleLabel, withArticle } from '@/lib/roles';
import { useHydrated } from '@/lib/use-hydrated';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { updateMemberRoleAction } from '../actions';

// A native select: the browser's own picker, keyboard and screen-reader support, with no picker code to load.
export function MemberRoleSelect({ membershipId, name, role }: { membershipId: string; name: string; role: OrgRole }) {
  const [value, setValue] = useState<OrgRole>(role);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const change = (next: OrgRole) =>
    startTransition(async () => {
      const previous = value;
      setValue(next);
      const result = await updateMemberRoleAction({ membershipId, role: next });
      if (!result.ok) {
        setValue(previous);
        toast.error(result.error.message);
        return;
      }
      toast.success(`${result.data.name} is now ${withArticle(result.data.role)}`);
    });

  return (
    <NativeSelect value={value} disabled={pending || !hydrated} onChange={(e) => change(e.target.value as OrgRole)} className="h-8 w-32 py-1" aria-label={`Role of ${name}`}>
      {orgRoles.map((r) => (
        <NativeSelectOption key={r} value={r}>
          {roleLabel(r)}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  );
}
