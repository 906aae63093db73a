import Link from 'next/link';
import { cn } from '@/lib/utils';

/** Tabs that are links (`?tab=...`), so each tab has its own URL and renders on the server. */
export function LinkTabs({ label, tabs, active, hrefFor }: { label: string; tabs: { id: string; label: string }[]; active: string; hrefFor: (id: string) => string }) {
  return (
    <div role="tablist" aria-label={label} className="bg-muted text-muted-foreground mb-6 inline-flex h-9 items-center rounded-lg p-[3px]">
      {tabs.map((t) => (
        <Link
          key={t.id}
          role="tab"
          aria-selected={t.id === active}
          href={hrefFor(t.id)}
          className={cn('inline-flex h-full items-center rounded-md px-3 text-sm font-medium', t.id === active && 'bg-background text-foreground shadow-sm')}
        >
          {t.label}
        </Link>
      ))}
    </div>
  );
}
