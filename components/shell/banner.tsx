import Link from 'next/link';

// Their looks are the .ui-banner classes (app/globals.css): the live health banner brings this file to
// every page's scripts, so its class strings are not repeated there.
type Tone = 'danger' | 'warning';

/**
 * An alert across the top of every portal page. The shell draws it on the server with the page, so
 * it is there from the first byte and never pushes the content down after load.
 */
export function Banner({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return (
    <div role="alert" className={`ui-banner ui-banner-${tone}`}>
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
    <li className="ui-banner-item">
      {icon}
      <span className="ui-banner-summary">{summary}</span>
      <span className="ui-banner-sentence">
        {children}{' '}
        <Link href={href} className="ui-banner-link">
          {action}
        </Link>
      </span>
      <Link href={href} className="ui-banner-link ui-banner-link-short">
        {action}
      </Link>
    </li>
  );
}
