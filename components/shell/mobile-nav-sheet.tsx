'use client';

import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';

/** The navigation sheet itself; any link followed inside it closes it. */
export function MobileNavSheet({
  open,
  onOpenChange,
  returnFocusTo,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: React.RefObject<HTMLButtonElement | null>;
  children: React.ReactNode;
}) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent
        side="left"
        aria-describedby={undefined}
        className="bg-sidebar text-sidebar-foreground w-72 gap-6 overflow-y-auto p-4"
        onCloseAutoFocus={(event) => {
          // Opened without a Radix trigger, so say where the keyboard goes back to.
          event.preventDefault();
          returnFocusTo.current?.focus();
        }}
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest('a[href]')) onOpenChange(false);
        }}
      >
        <SheetTitle className="sr-only">Navigation</SheetTitle>
        {children}
      </SheetContent>
    </Sheet>
  );
}
