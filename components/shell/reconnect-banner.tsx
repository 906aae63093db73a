import { KeyRound } from '@/components/icons';
import type { Viewer } from '@/lib/auth/session';
import { shellAlerts } from '@/lib/shell/alerts';
import { Banner, BannerItem } from './banner';

/** Admins: an integration whose credentials were refused stops sending until someone reconnects it. */
export async function ReconnectBanner({ viewer }: { viewer: Viewer }) {
  const alerts = (await shellAlerts(viewer)).reconnect;
  if (alerts.length === 0) return null;
  return (
    <Banner tone="warning">
      {alerts.map((a) => (
        <BannerItem
          key={a.type}
          icon={<KeyRound className="size-4 shrink-0 md:mt-0.5" aria-hidden />}
          summary={`${a.name} needs reconnecting`}
          href={`/settings/integrations/${a.type}`}
          action="Enter working credentials"
        >
          <strong>{a.name} needs reconnecting:</strong> its credentials were refused
          {a.held > 0 ? `, and ${a.held} ${a.held === 1 ? 'message is' : 'messages are'} waiting to be sent` : ''}.
        </BannerItem>
      ))}
    </Banner>
  );
}
