import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/session';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };

/**
 * Only a path on this site is accepted as a place to return to after signing in. It is resolved
 * the way a browser would (which drops tabs and newlines), so `/%09/evil.example` cannot escape.
 */
function safeReturnPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '/';
  const base = 'https://portal.invalid';
  try {
    const url = new URL(raw, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getViewer()) redirect(returnTo);

  return (
    <main className="bg-muted/40 flex min-h-screen items-center justify-center p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-xl">Sign in to Switchboard</CardTitle>
          <CardDescription>Use the email and password your organization gave you.</CardDescription>
        </CardHeader>
        <CardContent>
          <LoginForm returnTo={returnTo} />
        </CardContent>
      </Card>
    </main>
  );
}
