'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A navigation link that marks itself current on its page and below it (the layout does not re-render on navigation). */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`hover:bg-sidebar-accent flex items-center gap-2 rounded-md px-2 py-2 text-sm md:py-1.5${active ? ' bg-sidebar-accent text-sidebar-accent-foreground font-semibold shadow-[inset_3px_0_0_var(--primary)]' : ''}`}
    >
      {children}
    </Link>
  );
}
