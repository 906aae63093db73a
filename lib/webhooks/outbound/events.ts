// The events an organization's endpoints can subscribe to, listed once for the form, the schemas and
// the emitters. Client-safe: no server code. A wildcard subscribes to every concrete event of its family.

export const outboundEventTypes = [
  'message.sent',
  'message.delivered',
  'message.read',
  'message.failed',
  'call.completed',
  'integration.failing',
  'integration.recovered',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'signing.started',
  'signing.completed',
  'signing.declined',
] as const;
export type OutboundEventType = (typeof outboundEventTypes)[number];

/** What an endpoint subscribes to: a concrete event, or a family's wildcard. */
export const subscribableEvents = [
  { id: 'message.sent', label: 'A message was accepted by the provider' },
  { id: 'message.delivered', label: 'A message reached the recipient' },
  { id: 'message.read', label: 'A message was read' },
  { id: 'message.failed', label: 'A message could not be sent' },
  { id: 'call.completed', label: 'A call ended' },
  { id: 'integration.failing', label: 'An integration’s credentials were refused' },
  { id: 'integration.recovered', label: 'An integration works again' },
  { id: 'payment.*', label: 'Payments: succeeded, failed, refunded' },
  { id: 'signing.*', label: 'Signing: started, completed, declined' },
] as const;
export type SubscribableEvent = (typeof subscribableEvents)[number]['id'];
export const subscribableEventIds = subscribableEvents.map((e) => e.id) as [SubscribableEvent, ...SubscribableEvent[]];

/** Whether an endpoint subscribed to `subscribed` receives `type`. */
export function subscribes(subscribed: readonly string[], type: string): boolean {
  const family = `${type.split('.')[0]}.*`;
  return subscribed.includes(type) || subscribed.includes(family);
}

/**
 * The waits before each retry, in seconds, each after the attempt before it: 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (about three days from the first try to the last), each with
 * ±10 % jitter. Ten attempts in all.
 */
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400] as const;
export const RETRY_SCHEDULE_LABEL = '5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h';

/** An endpoint is turned off after this many failed attempts in a row, the first of them at least a day old. */
export const DISABLE_AFTER_FAILURES = 20;
export const DISABLE_AFTER_HOURS = 24;

export const deliveryStatuses = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
