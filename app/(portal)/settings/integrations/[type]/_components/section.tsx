import { cn } from '@/lib/utils';

export interface SectionLink {
  id: string;
  title: string;
}

/** One titled region of an integration's page; its id is the section nav's anchor. */
export function Section({ id, title, description, action, children, className }: SectionLink & { description?: React.ReactNode; action?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={cn('bg-card min-w-0 scroll-mt-20 rounded-xl border p-4 sm:p-6', className)}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="text-muted-foreground mt-1 text-sm">{description}</p>}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

/** The page's sections as anchor links: a sticky column on wide screens, a row that scrolls sideways on a phone. */
export function SectionNav({ sections }: { sections: SectionLink[] }) {
  if (sections.length < 2) return null;
  return (
    <nav aria-label="Sections of this page" className="min-w-0 lg:sticky lg:top-6 lg:self-start">
      <ul className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1 lg:mx-0 lg:flex-col lg:overflow-visible lg:px-0">
        {sections.map((s) => (
          <li key={s.id} className="shrink-0">
            <a
              href={`#${s.id}`}
              className="text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:ring-ring/50 block rounded-md px-3 py-1.5 text-sm whitespace-nowrap outline-none focus-visible:ring-[3px]"
            >
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
