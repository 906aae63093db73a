import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Providers } from '@/components/shell/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Switchboard', template: '%s · Switchboard' },
  description: 'Integrations admin portal',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The nonce proxy.ts put in this page's Content-Security-Policy, for the theme's inline script.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
