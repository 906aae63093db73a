import Link from 'next/link';
import { getViewer } from '@/lib/auth/session';
import { navigationFor, type NavItem } from '@/lib/auth/navigation';
import { roleLabel, withArticle } from '@/lib/roles';
import { StatusPage } from '@/components/shell/status-page';

function Pages({ items }: { items: NavItem[] }) {
  return (
    <>
      {items.map((item, i) => (
        <span key={item.href}>
          {i > 0 && (i === items.length - 1 ? ' and ' : ', ')}
          <Link href={item.href} className="text-foreground font-medium underline underline-offset-4">
            {item.label}
          </Link>
        </span>
      ))}
    </>
  );
}

/** Speaks to who is reading: what they can use instead, and who could give them more. */
export default async function Forbidden() {
  const viewer = await getViewer().catch(() => null);
  const active = viewer?.active ?? null;
  const own = viewer ? navigationFor({ isSuperadmin: viewer.user.isSuperadmin, role: active?.role ?? null }).flatMap((s) => s.items) : [];
  const adminOnly = active && active.role !== 'admin'
    ? navigationFor({ isSuperadmin: false, role: 'admin' })[0]!.items.filter((item) => !own.some((o) => o.href === item.href))
    : [];

  return (
    <StatusPage code={403} title="You don't have access to this page">
      {!viewer ? (
        <p>Sign in with an account that has access to it.</p>
      ) : viewer.user.isSuperadmin && !active ? (
        <p>
          As the platform operator you can use <Pages items={own} />. Organization settings belong to each organization’s own members.
        </p>
      ) : (
        <div className="grid gap-2">
          <p>
            As {withArticle(active?.role ?? '')} at {active?.orgName} you can use <Pages items={own} />.
          </p>
          {adminOnly.length > 0 && (
            <p>
              {adminOnly.map((i) => i.label).join(', ')} {adminOnly.length === 1 ? 'is' : 'are'} for {roleLabel('admin')}s. If you need {adminOnly.length === 1 ? 'it' : 'them'}, ask an {roleLabel('admin')} of {active?.orgName} to change your role.
            </p>
          )}
          {!viewer.user.isSuperadmin && <p>Platform pages are for the platform’s operators.</p>}
        </div>
      )}
    </StatusPage>
  );
}
