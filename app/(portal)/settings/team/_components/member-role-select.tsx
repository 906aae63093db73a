'use client';

import { useEffect, useRef, useState } from 'react';
import dynamic from 'next/dynamic';
import { toast } from '@/lib/toast';
import type { OrgRole } from '@/lib/db/rls';
import { orgRoles } from '@/lib/validations/constants';
import { roleLabel, withArticle } from '@/lib/roles';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { updateMemberRoleAction } from '../actions';
import { roleChange } from './role-change';

// The confirmation's dialog code arrives when someone first picks a new role, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

// Whether a role picked before the page came alive has already been proposed (see the effect below).
let earlyProposalShown = false;

/**
 * A native select (the browser's own picker, keyboard and screen-reader support, no picker code to
 * load). Picking a role only proposes it: the change is made once the admin confirms, having read
 * what the member gains or loses; Cancel puts the select back. The select holds its own value from
 * the server's markup and is usable at once: a role picked before the page came alive is proposed,
 * with its confirmation, as soon as it does (a table of selects all enabled at once would be one long
 * restyle at the first paint).
 */
export function MemberRoleSelect({ membershipId, name, role, self = false }: { membershipId: string; name: string; role: OrgRole; self?: boolean }) {
  const [value, setValue] = useState<OrgRole>(role);
  const [proposed, setProposed] = useState<OrgRole | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const change = proposed ? roleChange(name, value, proposed, self) : null;

  // The select shows what is in force again (after Cancel, or a refused change).
  const putBack = (to: OrgRole) => {
    if (select.current) select.current.value = to;
  };

  useEffect(() => {
    const picked = select.current?.value as OrgRole | undefined;
    if (!picked || picked === role) return;
    // One confirmation at a time: a second row picked before the page came alive goes back to its role.
    if (earlyProposalShown) {
      putBack(role);
      return;
    }
    earlyProposalShown = true;
    setProposed(picked);
    // Once, when the page comes alive: later picks arrive through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const apply = async () => {
    if (!proposed) return;
    const result = await updateMemberRoleAction({ membershipId, role: proposed });
    if (!result.ok) return result.error.message;
    setValue(result.data.role);
    putBack(result.data.role);
    setProposed(null);
    toast.success(`${result.data.name} is now ${withArticle(result.data.role)}`);
  };

  return (
    <>
      <NativeSelect
        ref={select}
        defaultValue={role}
        // Not refilled by the browser after a reload: what the select holds when the page comes alive is read as a pick.
        autoComplete="off"
        onChange={(e) => {
          const next = e.target.value as OrgRole;
          if (next !== value) setProposed(next);
          else setProposed(null);
        }}
        className="h-8 w-32 py-1"
        aria-label={`Role of ${name}`}
      >
        {orgRoles.map((r) => (
          <NativeSelectOption key={r} value={r}>
            {roleLabel(r)}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      {change && (
        <ConfirmDialog
          title={change.title}
          description={change.consequence}
          confirm={change.confirm}
          pendingLabel="Changing the role…"
          destructive={change.lower}
          onCancel={() => {
            putBack(value);
            setProposed(null);
          }}
          onConfirm={apply}
        />
      )}
    </>
  );
}
