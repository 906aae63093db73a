import { Building2, ChevronDown } from 'lucide-react';
import { OrgSelect, type SwitchOrganizationAction, type SwitcherOrg } from './org-select';

export type { SwitcherOrg, SwitchOrganizationAction };

/** The active organization; a member of several picks another from the browser's own select. */
export function OrgSwitcher({ orgs, activeOrgId, switchAction }: { orgs: SwitcherOrg[]; activeOrgId: string | null; switchAction: SwitchOrganizationAction }) {
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
    <div className="relative flex w-56 items-center has-[select:disabled]:opacity-50">
      <Building2 className="pointer-events-none absolute left-3 size-4" aria-hidden />
      <OrgSelect orgs={orgs} activeOrgId={activeOrgId} switchAction={switchAction} />
      <ChevronDown className="pointer-events-none absolute right-3 size-4 opacity-50" aria-hidden />
    </div>
  );
}
