import 'server-only';
import type { Tx } from '@/lib/db/rls';
import { emitEvent } from '@/lib/webhooks/outbound/emit';
import type { OutboundEventType } from '@/lib/webhooks/outbound/events';
import type { InboundEvent } from './define';

// What a provider's callback changed, told to the organization's own endpoints: a message delivered,
// read or failed, a call's end, a payment's or a signing's outcome. Only changes are told (a repeated
// or out-of-order callback changes nothing, so it is not sent on), and never a body or a recipient.

const paymentEvents: Record<string, OutboundEventType> = {
  succeeded: 'payment.succeeded',
  completed: 'payment.succeeded',
  failed: 'payment.failed',
  denied: 'payment.failed',
  canceled: 'payment.failed',
  refunded: 'payment.refunded',
  partially_refunded: 'payment.refunded',
};

const signingEvents: Record<string, OutboundEventType> = {
  started: 'signing.started',
  completed: 'signing.completed',
  declined: 'signing.declined',
};

export interface AppliedRequest {
  id: string;
  channel: string;
  provider_message_id: string | null;
}

/** After a request moved: message.delivered / .read / .failed, or call.completed. */
export async function tellRequestChange(tx: Tx, orgId: string, integration: string, request: AppliedRequest, event: Extract<InboundEvent, { kind: 'message' | 'call' }>): Promise<void> {
  const base = { id: request.id, channel: request.channel, integration, status: event.status, providerMessageId: request.provider_message_id ?? event.providerMessageId };
  if (event.kind === 'call') {
    await emitEvent(tx, orgId, 'call.completed', {
      ...base,
      ...(event.durationSeconds !== undefined ? { durationSeconds: event.durationSeconds } : {}),
      ...(event.status === 'failed' ? { error: { code: 'call_failed', message: event.reason ?? 'The call did not connect.' } } : {}),
    });
    return;
  }
  if (event.status === 'sent') return; // the gateway told message.sent when the provider accepted it
  const type: OutboundEventType = event.status === 'delivered' ? 'message.delivered' : event.status === 'read' ? 'message.read' : 'message.failed';
  await emitEvent(tx, orgId, type, {
    ...base,
    ...(event.status === 'failed' ? { error: { code: event.errorCode ?? 'provider_failed', message: event.reason ?? 'The provider reported it as failed.' } } : {}),
  });
}

/** After a payment or signing recorded a newer state: its outcome, when it is one endpoints hear of. */
export async function tellObjectChange(tx: Tx, orgId: string, integration: string, event: Extract<InboundEvent, { kind: 'payment' | 'signing' }>): Promise<void> {
  const type = event.kind === 'payment' ? paymentEvents[event.status] : signingEvents[event.status];
  if (!type) return;
  await emitEvent(tx, orgId, type, {
    integration,
    objectId: event.objectId,
    status: event.status,
    ...(event.ref ? { ref: event.ref } : {}),
    ...(event.kind === 'signing' ? { event: event.event } : {}),
    ...(event.kind === 'payment' && event.reason ? { reason: event.reason } : {}),
  });
}
