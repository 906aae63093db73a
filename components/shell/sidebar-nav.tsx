'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Building2, KeyRound, Plug, ScrollText, Users } from 'lucide-react';
import type { NavSection } from '@/lib/auth/navigation';
import { cn } from '@/lib/utils';

const icons = { building: Building2, plug: Plug, users: Users, scroll: ScrollText, key: KeyRound };

export function SidebarNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-6">
      {sections.map((section) => (
        <div key={section.title} className="flex flex-col gap-1">
          <p className="text-muted-foreground px-2 text-xs font-semibold tracking-wide uppercase">{section.title}</p>
          {section.items.map((item) => {
            const Icon = icons[item.icon];
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'hover:bg-sidebar-accent flex items-center gap-2 rounded-md px-2 py-1.5 text-sm',
                  active && 'bg-sidebar-accent text-sidebar-accent-foreground font-medium',
                )}
              >
                <Icon className="size-4" aria-hidden />
                {item.label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
