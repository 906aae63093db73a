'use client';

import { useEffect, useState } from 'react';
import { ThemeProvider } from 'next-themes';

type ToasterComponent = typeof import('@/components/ui/sonner').Toaster;

/**
 * The toaster is fetched after the page is interactive: pages that toast bring the toast library
 * with them anyway, and the rest (sign-in, overviews) should not pay for it. A toast raised before
 * it arrives is shown once it subscribes, and it stays mounted across navigations, so a toast
 * raised just before leaving a page (joining an organization) still appears on the next.
 */
function LazyToaster() {
  const [Toaster, setToaster] = useState<ToasterComponent | null>(null);
  useEffect(() => {
    void import('@/components/ui/sonner').then((m) => setToaster(() => m.Toaster));
  }, []);
  return Toaster ? <Toaster richColors closeButton /> : null;
}

/** What every page needs, the sign-in page included: the light/dark theme and the toaster. */
export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
      <LazyToaster />
    </ThemeProvider>
  );
}
