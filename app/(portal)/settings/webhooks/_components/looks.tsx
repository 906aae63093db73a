import type { DeliveryStatus } from '@/lib/webhooks/outbound/events';
import { Badge } from '@/components/ui/badge';

const labels: Record<DeliveryStatus, string> = { pending: 'Pending', retrying: 'Retrying', succeeded: 'Succeeded', failed: 'Failed' };

export function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  const variant = status === 'succeeded' ? 'secondary' : status === 'failed' ? 'destructive' : 'outline';
  return <Badge variant={variant}>{labels[status]}</Badge>;
}

export const disabledReason = (reason: 'manual' | 'gone' | 'failing' | null) =>
  reason === 'gone' ? 'Turned off: the receiver answered 410 Gone' : reason === 'failing' ? 'Turned off: it kept failing' : 'Turned off by an admin';
