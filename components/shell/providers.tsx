'use client';

import { useEffect, useState } from 'react';
import { ThemeProvider } from 'next-themes';
import { ProgressProvider } from '@bprogress/next/app';

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

/**
 * What every page needs, the sign-in page included: the light/dark theme, the toaster, and a thin
 * bar at the top while a link's page loads (a link to a page that answers at once never shows it).
 * The bar takes the theme's primary colour; its style element carries the page's nonce.
 */
export function Providers({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <ProgressProvider color="var(--primary)" height="3px" delay={120} options={{ showSpinner: false }} shallowRouting nonce={nonce}>
        {children}
      </ProgressProvider>
      <LazyToaster />
    </ThemeProvider>
  );
}
