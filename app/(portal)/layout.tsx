import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Radio } from '@/components/icons';
import { getViewer } from '@/lib/auth/session';
import { navigationFor } from '@/lib/auth/navigation';
import { roleLabel } from '@/lib/roles';
import { HealthAlertBanner } from '@/components/shell/health-alert-banner';
import { ReconnectBanner } from '@/components/shell/reconnect-banner';
import { WebhookBanner } from '@/components/shell/webhook-banner';
import { OrgSwitcher } from '@/components/shell/org-switcher';
import { MobileNav } from '@/components/shell/mobile-nav';
import { SidebarNav } from '@/components/shell/sidebar-nav';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { switchOrganization } from './actions';

function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 px-2 font-semibold">
      <Radio className="size-5" aria-hidden /> Switchboard
    </Link>
  );
}

// The shell only arranges the page; each page and action checks authorization itself.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');

  const sections = navigationFor({ isSuperadmin: viewer.user.isSuperadmin, role: viewer.active?.role ?? null });
  const whoLabel = [
    viewer.user.isSuperadmin ? 'Superadmin' : null,
    viewer.active ? `${roleLabel(viewer.active.role)} at ${viewer.active.orgName}` : null,
  ]
    .filter(Boolean)
    .join(' · ');

  const orgs = viewer.memberships.map((m) => ({ orgId: m.orgId, orgName: m.orgName, role: m.role }));
  const activeOrgId = viewer.active?.orgId ?? null;

  return (
    <div className="flex min-h-screen">
      {/* The first stop for keyboard users: past the navigation and banners to the page itself. */}
      <a
        href="#main"
        className="bg-background text-foreground ring-ring sr-only rounded-md px-3 py-2 text-sm font-medium shadow-md ring-2 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <aside className="bg-sidebar text-sidebar-foreground border-sidebar-border sticky top-0 hidden h-screen w-60 shrink-0 flex-col gap-6 overflow-y-auto border-r p-4 md:flex">
        <Logo />
        <SidebarNav sections={sections} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-2 border-b px-4 md:gap-4 md:px-6">
          <div className="flex min-w-0 items-center gap-2 md:gap-3">
            <MobileNav>
              <Logo />
              <OrgSwitcher orgs={orgs} activeOrgId={activeOrgId} switchAction={switchOrganization} placement="sheet" />
              <SidebarNav sections={sections} />
            </MobileNav>
            <Link href="/" aria-label="Switchboard home" className="flex shrink-0 items-center md:hidden">
              <Radio className="size-5" aria-hidden />
            </Link>
            <OrgSwitcher orgs={orgs} activeOrgId={activeOrgId} switchAction={switchOrganization} />
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <ThemeToggle />
            <UserMenu name={viewer.user.name} email={viewer.user.email} roleLabel={whoLabel} showProfile={!!viewer.active || viewer.user.isSuperadmin} />
          </div>
        </header>
        {/* Drawn with the page on the server, so they never push the content down after it appears. */}
        <HealthAlertBanner viewer={viewer} />
        <ReconnectBanner viewer={viewer} />
        <WebhookBanner viewer={viewer} />
        <main id="main" tabIndex={-1} className="flex-1 p-4 outline-none md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
