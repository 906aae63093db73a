import { Activity, Building2, KeyRound, Plug, ScrollText, Users, Webhook } from '@/components/icons';
import type { NavSection } from '@/lib/auth/navigation';
import { NavLink } from './nav-link';

const icons = { building: Building2, plug: Plug, users: Users, activity: Activity, scroll: ScrollText, key: KeyRound, webhook: Webhook };

export function SidebarNav({ sections }: { sections: NavSection[] }) {
  return (
    <nav aria-label="Main" className="flex flex-col gap-6">
      {sections.map((section) => (
        <div key={section.title} className="flex flex-col gap-1">
          <p className="text-muted-foreground px-2 text-xs font-semibold tracking-wide uppercase">{section.title}</p>
          {section.items.map((item) => {
            const Icon = icons[item.icon];
            return (
              <NavLink key={item.href} href={item.href}>
                <Icon className="size-4" aria-hidden />
                {item.label}
              </NavLink>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
