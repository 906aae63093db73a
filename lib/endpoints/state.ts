// What a tenant's WhatsApp endpoint looks like to the people reading it, and what they can do about
// it. Client-safe: the badge, the health card and the tenant list decide with the same rules.
import type { HealthStatus } from '@/lib/validations/common';

/** A health status, or "removed" (taken out of WHATSAPP_ENDPOINTS), or "none" (nothing assigned). */
export type EndpointState = HealthStatus | 'removed' | 'none';

/** Who is reading: the platform operator (who can choose another endpoint) or the tenant's members. */
export type EndpointAudience = 'operator' | 'tenant';

/**
 * A removed endpoint wins over its last health: its checks fail because it is gone, not because it
 * is down, and the fix is a choice someone makes, not a wait.
 */
export function endpointState(config: { endpoint_on_server: boolean; health_status: HealthStatus } | null): EndpointState {
  if (!config) return 'none';
  return config.endpoint_on_server ? config.health_status : 'removed';
}

export const REMOVED_TITLE = 'Not on the server any more';

/** The sentence under a removed endpoint, for the person reading. */
export function removedAdvice(audience: EndpointAudience, endpointName: string): string {
  return audience === 'operator'
    ? `“${endpointName}” was taken out of the server’s WhatsApp endpoints. Choose another endpoint for this tenant, or remove the assignment.`
    : `“${endpointName}” was taken out of the platform’s WhatsApp endpoints, so WhatsApp messages cannot go through it. Your platform operator needs to choose another endpoint; there is nothing to change on your side.`;
}

/** Whether the health card offers "Check now": checking an endpoint that is gone tells nobody anything. */
export const canCheck = (state: EndpointState) => state !== 'removed' && state !== 'none';
