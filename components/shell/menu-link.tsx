'use client';

import Link from 'next/link';
import { menuItemClass } from './popover-menu';

/** A link among a popover menu's items; choosing it closes the menu, like every other item. */
export function MenuLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} role="menuitem" tabIndex={-1} className={menuItemClass}>
      {children}
    </Link>
  );
}
