import Link from 'next/link';

const tones = {
  danger: 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-50',
  warning: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50',
};

/**
 * An alert across the top of every portal page. The shell draws it on the server with the page, so
 * it is there from the first byte and never pushes the content down after load.
 */
export function Banner({ tone, children }: { tone: keyof typeof tones; children: React.ReactNode }) {
  return (
    <div role="alert" className={`border-b px-4 py-2 text-sm md:px-6 ${tones[tone]}`}>
      <ul className="grid gap-1">{children}</ul>
    </div>
  );
}

/**
 * One alert: on a phone a single line (`summary`, cut short if it must) and its link; from `md` up
 * the whole sentence. Only one of the two is displayed, so a screen reader reads one.
 */
export function BannerItem({ icon, summary, children, href, action }: { icon: React.ReactNode; summary: React.ReactNode; children: React.ReactNode; href: string; action: string }) {
  return (
    <li className="flex items-center gap-2 md:items-start">
      {icon}
      <span className="min-w-0 flex-1 truncate md:hidden">{summary}</span>
      <span className="hidden min-w-0 md:inline">
        {children}{' '}
        <Link href={href} className="font-medium underline underline-offset-4">
          {action}
        </Link>
      </span>
      <Link href={href} className="shrink-0 font-medium underline underline-offset-4 md:hidden">
        {action}
      </Link>
    </li>
  );
}
