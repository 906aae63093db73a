'use client';

import { useRef, useState } from 'react';
import { icon } from '@/components/icon';

const Menu = icon('Menu', 'Menu');

type Sheet = typeof import('./mobile-nav-sheet').MobileNavSheet;

/**
 * Below `md` the sidebar is hidden; this button opens the same navigation in a sheet from the left.
 * Following a link closes it; Escape closes it and the keyboard lands back on the button.
 */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  // The sheet's dialog code arrives with the first tap on the menu button, not with every page (a plain
  // import(): next/dynamic's own runtime would come with every page for this one component).
  const [MobileNavSheet, setSheet] = useState<Sheet | null>(null);
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
          setOpen(true);
          // A chunk that fails to arrive (a new deploy) leaves the button as it was, to be tapped again.
          if (!MobileNavSheet) import('./mobile-nav-sheet').then((m) => setSheet(() => m.MobileNavSheet), () => setOpen(false));
        }}
        className="hover:bg-accent hover:text-accent-foreground focus-visible:ring-ring/50 -ml-2 inline-flex size-9 shrink-0 items-center justify-center rounded-md outline-none focus-visible:ring-[3px] md:hidden"
      >
        <Menu className="size-5" aria-hidden />
      </button>
      {MobileNavSheet && (
        <MobileNavSheet open={open} onOpenChange={setOpen} returnFocusTo={button}>
          {children}
        </MobileNavSheet>
      )}
    </>
  );
}
