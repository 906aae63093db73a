import { Building2, ChevronDown } from '@/components/icons';
import { roleLabel } from '@/lib/roles';
import { OrgSelect, type SwitchOrganizationAction, type SwitcherOrg } from './org-select';

export type { SwitcherOrg, SwitchOrganizationAction };

/** The active organization and the role in it; on a narrow header the organization's name gives way, never the role. */
export function ActiveOrg({ org, className = '' }: { org: SwitcherOrg; className?: string }) {
  return (
    <div className={`flex min-w-0 items-center gap-2 text-sm font-medium ${className}`}>
      <Building2 className="text-muted-foreground size-4 shrink-0" aria-hidden />
      <span data-testid="active-org" className="truncate">
        {org.orgName}
      </span>
      <span className="text-muted-foreground shrink-0 font-normal">· {roleLabel(org.role)}</span>
    </div>
  );
}

/**
 * The active organization; a member of several picks another from the browser's own select. In the
 * header (`placement="header"`) the select needs room a phone does not have, so below `md` the header
 * shows the active organization and the select moves into the navigation sheet (`placement="sheet"`).
 */
export function OrgSwitcher({
  orgs,
  activeOrgId,
  switchAction,
  placement = 'header',
}: {
  orgs: SwitcherOrg[];
  activeOrgId: string | null;
  switchAction: SwitchOrganizationAction;
  placement?: 'header' | 'sheet';
}) {
  const active = orgs.find((o) => o.orgId === activeOrgId) ?? (orgs.length === 1 ? orgs[0] : undefined);
  if (orgs.length === 0) return null;
  if (orgs.length === 1) return placement === 'header' && active ? <ActiveOrg org={active} /> : null;
  const select = (
    <div className={`relative flex items-center has-[select:disabled]:opacity-50 ${placement === 'header' ? 'hidden w-64 md:flex' : 'w-full'}`}>
      <Building2 className="pointer-events-none absolute left-3 size-4" aria-hidden />
      <OrgSelect orgs={orgs} activeOrgId={activeOrgId} switchAction={switchAction} />
      <ChevronDown className="pointer-events-none absolute right-3 size-4 opacity-50" aria-hidden />
    </div>
  );
  if (placement === 'sheet') return select;
  return (
    <>
      {active && <ActiveOrg org={active} className="md:hidden" />}
      {select}
    </>
  );
}
