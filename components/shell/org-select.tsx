'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/http/action';
import { toast } from '@/lib/toast';
import { roleLabel } from '@/lib/roles';

export interface SwitcherOrg {
  orgId: string;
  orgName: string;
  role: string;
}

/** The server action that makes another organization active; the layout hands it down. */
export type SwitchOrganizationAction = (input: { orgId: string }) => Promise<ActionResult<SwitcherOrg>>;

export function OrgSelect({ orgs, activeOrgId, switchAction }: { orgs: SwitcherOrg[]; activeOrgId: string | null; switchAction: SwitchOrganizationAction }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <select
      aria-label="Organization"
      value={activeOrgId ?? ''}
      disabled={pending}
      onChange={(event) => {
        const orgId = event.target.value;
        startTransition(async () => {
          const result = await switchAction({ orgId });
          if (!result.ok) {
            toast.error(result.error.message);
            return;
          }
          toast.success(`Switched to ${result.data.orgName}`);
          router.refresh();
        });
      }}
      className="border-input dark:bg-input/30 dark:hover:bg-input/50 focus-visible:border-ring focus-visible:ring-ring/50 h-9 w-full min-w-0 appearance-none truncate rounded-md border bg-transparent py-2 pr-9 pl-9 text-sm shadow-xs outline-none focus-visible:ring-[3px] disabled:cursor-not-allowed"
    >
      {activeOrgId === null && (
        <option value="" disabled>
          Choose an organization
        </option>
      )}
      {orgs.map((org) => (
        <option key={org.orgId} value={org.orgId}>
          {org.orgName} · {roleLabel(org.role)}
        </option>
      ))}
    </select>
  );
}
