'use client';

import { useEffect, useState } from 'react';
import { ThemeProvider } from 'next-themes';

type ToasterComponent = typeof import('@/components/ui/sonner').Toaster;

/**
 * The toaster (and with it the toast library, see lib/toast.ts) is fetched once the page is
 * interactive, outside every page's first load. A toast raised before it arrives is shown once it
 * subscribes, and it stays mounted across navigations, so a toast raised just before leaving a page
 * (joining an organization) still appears on the next.
 */
function LazyToaster() {
  const [Toaster, setToaster] = useState<ToasterComponent | null>(null);
  useEffect(() => {
    void import('@/components/ui/sonner').then((m) => setToaster(() => m.Toaster));
  }, []);
  return Toaster ? <Toaster richColors closeButton /> : null;
}

/** What every page needs, the sign-in page included: the light/dark theme and the toaster. */
export function Providers({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
      <LazyToaster />
    </ThemeProvider>
  );
}
