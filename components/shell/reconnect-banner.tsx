import Link from 'next/link';
import { KeyRound } from 'lucide-react';
import type { Viewer } from '@/lib/auth/session';
import { shellAlerts } from '@/lib/shell/alerts';

/** Admins: an integration whose credentials were refused stops sending until someone reconnects it. */
export async function ReconnectBanner({ viewer }: { viewer: Viewer }) {
  const alerts = (await shellAlerts(viewer)).reconnect;
  if (alerts.length === 0) return null;
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
      <ul className="grid gap-1">
        {alerts.map((a) => (
          <li key={a.type} className="flex flex-wrap items-start gap-2">
            <KeyRound className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              <strong>{a.name} needs reconnecting:</strong> its credentials were refused
              {a.held > 0 ? `, and ${a.held} ${a.held === 1 ? 'message is' : 'messages are'} waiting to be sent` : ''}.{' '}
              <Link href={`/settings/integrations?tab=${a.group}`} className="font-medium underline underline-offset-4">
                Enter working credentials
              </Link>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
