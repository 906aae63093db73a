import type { OrgRole } from '@/lib/db/rls';

export interface NavItem {
  href: string;
  label: string;
  icon: 'building' | 'plug' | 'users' | 'activity' | 'scroll' | 'key' | 'webhook';
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

const orgItems: Record<OrgRole, NavItem[]> = {
  admin: [
    { href: '/settings/integrations', label: 'Integrations', icon: 'plug' },
    { href: '/settings/team', label: 'Team', icon: 'users' },
    { href: '/settings/activity', label: 'Activity', icon: 'activity' },
    { href: '/settings/audit', label: 'Audit', icon: 'scroll' },
    { href: '/settings/api-tokens', label: 'API tokens', icon: 'key' },
    { href: '/settings/webhooks', label: 'Webhooks', icon: 'webhook' },
  ],
  manager: [
    { href: '/settings/integrations', label: 'Integrations', icon: 'plug' },
    { href: '/settings/team', label: 'Team', icon: 'users' },
    { href: '/settings/activity', label: 'Activity', icon: 'activity' },
  ],
  agent: [
    { href: '/settings/integrations', label: 'Integrations', icon: 'plug' },
    { href: '/settings/team', label: 'Team', icon: 'users' },
    { href: '/settings/activity', label: 'Activity', icon: 'activity' },
  ],
};

/** What a person sees in the sidebar: platform pages for superadmins, settings by role in the active organization. */
export function navigationFor(input: { isSuperadmin: boolean; role: OrgRole | null }): NavSection[] {
  const sections: NavSection[] = [];
  if (input.isSuperadmin) {
    sections.push({
      title: 'Platform',
      items: [
        { href: '/admin/tenants', label: 'Tenants', icon: 'building' },
        { href: '/admin/audit', label: 'Platform audit', icon: 'scroll' },
      ],
    });
  }
  if (input.role) sections.push({ title: 'Settings', items: orgItems[input.role] });
  return sections;
}

export function homeFor(input: { isSuperadmin: boolean; role: OrgRole | null }): string {
  return navigationFor(input)[0]?.items[0]?.href ?? '/no-organization';
}
