'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Building2 } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

export interface SwitcherOrg {
  orgId: string;
  orgName: string;
  role: string;
}

/** The server action that makes another organization active; the layout hands it down. */
export type SwitchOrganizationAction = (input: { orgId: string }) => Promise<ActionResult<SwitcherOrg>>;

export function OrgSwitcher({ orgs, activeOrgId, switchAction }: { orgs: SwitcherOrg[]; activeOrgId: string | null; switchAction: SwitchOrganizationAction }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  if (orgs.length === 0) return null;
  if (orgs.length === 1) {
    return (
      <div className="flex items-center gap-2 text-sm font-medium">
        <Building2 className="text-muted-foreground size-4" aria-hidden />
        <span data-testid="active-org">{orgs[0]?.orgName}</span>
      </div>
    );
  }

  return (
    <Select
      value={activeOrgId ?? undefined}
      disabled={pending}
      onValueChange={(orgId) =>
        startTransition(async () => {
          const result = await switchAction({ orgId });
          if (!result.ok) {
            toast.error(result.error.message);
            return;
          }
          toast.success(`Switched to ${result.data.orgName}`);
          router.refresh();
        })
      }
    >
      <SelectTrigger className="w-56" aria-label="Organization">
        <Building2 className="size-4" aria-hidden />
        <SelectValue placeholder="Choose an organization" />
      </SelectTrigger>
      <SelectContent>
        {orgs.map((org) => (
          <SelectItem key={org.orgId} value={org.orgId}>
            {org.orgName} <span className="text-muted-foreground text-xs">({org.role})</span>
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
