'use client';

import { useRef, useState } from 'react';
import dynamic from 'next/dynamic';
import { icon } from '@/components/icon';

const Menu = icon('Menu', 'Menu');

// The sheet's dialog code arrives with the first tap on the menu button, not with every page.
const MobileNavSheet = dynamic(() => import('./mobile-nav-sheet').then((m) => m.MobileNavSheet), { ssr: false });

/**
 * Below `md` the sidebar is hidden; this button opens the same navigation in a sheet from the left.
 * Following a link closes it; Escape closes it and the keyboard lands back on the button.
 */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label="Open navigation"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        className="hover:bg-accent hover:text-accent-foreground focus-visible:ring-ring/50 -ml-2 inline-flex size-9 shrink-0 items-center justify-center rounded-md outline-none focus-visible:ring-[3px] md:hidden"
      >
        <Menu className="size-5" aria-hidden />
      </button>
      {loaded && (
        <MobileNavSheet open={open} onOpenChange={setOpen} returnFocusTo={button}>
          {children}
        </MobileNavSheet>
      )}
    </>
  );
}
