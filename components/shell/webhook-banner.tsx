import { Webhook } from '@/components/icons';
import type { Viewer } from '@/lib/auth/session';
import { shellAlerts } from '@/lib/shell/alerts';
import { Banner, BannerItem } from './banner';

/** Admins: a webhook endpoint the portal turned off (410 Gone, or it kept failing) receives nothing until enabled again. */
export async function WebhookBanner({ viewer }: { viewer: Viewer }) {
  const alerts = (await shellAlerts(viewer)).webhooks;
  if (alerts.length === 0) return null;
  return (
    <Banner tone="warning">
      {alerts.map((a) => (
        <BannerItem key={a.id} icon={<Webhook className="size-4 shrink-0 md:mt-0.5" aria-hidden />} summary="A webhook endpoint was turned off" href="/settings/webhooks" action="Review webhooks">
          <span className="break-all">
            <strong>Webhook endpoint turned off:</strong> {a.url} {a.reason === 'gone' ? 'answered 410 Gone' : 'kept failing'}, so events are not delivered to it.
          </span>
        </BannerItem>
      ))}
    </Banner>
  );
}
