'use client';

import { signOutTo } from '@/lib/auth/client';
import { menuItemClass } from './popover-menu';

export function SignOutItem({ children }: { children: React.ReactNode }) {
  return (
    <button type="button" role="menuitem" tabIndex={-1} className={menuItemClass} onClick={() => void signOutTo('/login')}>
      {children}
    </button>
  );
}
