import Link from 'next/link';
import { Webhook } from 'lucide-react';
import type { Viewer } from '@/lib/auth/session';
import { shellAlerts } from '@/lib/shell/alerts';

/** Admins: a webhook endpoint the portal turned off (410 Gone, or it kept failing) receives nothing until enabled again. */
export async function WebhookBanner({ viewer }: { viewer: Viewer }) {
  const alerts = (await shellAlerts(viewer)).webhooks;
  if (alerts.length === 0) return null;
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
      <ul className="grid gap-1">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start gap-2">
            <Webhook className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span className="min-w-0 break-all">
              <strong>Webhook endpoint turned off:</strong> {a.url} {a.reason === 'gone' ? 'answered 410 Gone' : 'kept failing'}, so events are not
              delivered to it.{' '}
              <Link href="/settings/webhooks" className="font-medium underline underline-offset-4">
                Review webhooks
              </Link>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
