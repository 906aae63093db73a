import { QueryObserver } from '@tanstack/react-query';
import type { HealthAlerts } from '@/lib/endpoints/alerts';
import { whatsappKeys } from '@/lib/endpoints/query-keys';
import { getQueryClient } from '@/lib/query/client';

/**
 * Polls the banner's alerts every 30 s through the tab's shared query cache, so a health check run
 * elsewhere (which invalidates every WhatsApp query) refreshes the banner at once. Returns a stop function.
 */
export function watchHealthAlerts(activeOrgId: string | null, initial: HealthAlerts, onChange: (alerts: HealthAlerts) => void): () => void {
  const observer = new QueryObserver<HealthAlerts>(getQueryClient(), {
    queryKey: whatsappKeys.alerts(activeOrgId),
    queryFn: async () => {
      const res = await fetch('/api/whatsapp/alerts', { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`alerts ${res.status}`);
      return (await res.json()) as HealthAlerts;
    },
    initialData: initial,
    refetchInterval: 30_000,
  });
  const publish = (data: HealthAlerts | undefined) => {
    if (data) onChange(data);
  };
  publish(observer.getCurrentResult().data);
  return observer.subscribe((result) => publish(result.data));
}
