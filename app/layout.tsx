import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, validTimeZone } from '@/lib/dates';
import { Providers } from '@/components/shell/providers';
import { ClockProvider } from '@/components/shell/when';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Switchboard', template: '%s · Switchboard' },
  description: 'Integrations admin portal',
};

/** When this page was rendered: relative times hydrate from it, so server and browser say the same. */
const renderTime = () => Date.now();

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The nonce proxy.ts put in this page's Content-Security-Policy, for the theme's inline script.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // Dates render in the zone the browser reported (see ClockProvider), so server and browser agree.
  const timeZone = validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? DEFAULT_TIME_ZONE;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <ClockProvider timeZone={timeZone} renderedAt={renderTime()}>
          <Providers nonce={nonce}>{children}</Providers>
        </ClockProvider>
      </body>
    </html>
  );
}
