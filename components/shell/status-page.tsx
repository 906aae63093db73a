import Link from 'next/link';
import { Button } from '@/components/ui/button';

/** The full-page message used by the 403, 404 and 401 pages. */
export function StatusPage({ code, title, children }: { code: number; title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-muted-foreground text-sm font-semibold tracking-widest">{code}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="text-muted-foreground max-w-md text-sm">{children}</div>
      <Button asChild variant="outline">
        <Link href="/">Back to the portal</Link>
      </Button>
    </main>
  );
}
