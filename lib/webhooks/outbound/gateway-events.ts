import 'server-only';
import type { Tx } from '@/lib/db/rls';
import { emitEvent } from './emit';

// The gateway's own moments as events: a message the provider accepted (`message.sent`) or that
// finally failed (`message.failed`), and an integration whose credentials were refused or work again.
// Payloads name the request and the integration, never the message or its recipient. Calls report
// their end through the provider's callbacks (`call.completed`), not here.

export async function emitMessageOutcome(
  tx: Tx,
  request: { id: string; organization_id: string; channel: string; integration_type: string },
  outcome: { status: 'sent'; providerMessageId?: string } | { status: 'failed'; code: string; message: string },
): Promise<void> {
  if (request.channel === 'call') return;
  const base = { id: request.id, channel: request.channel, integration: request.integration_type, status: outcome.status };
  if (outcome.status === 'sent') {
    await emitEvent(tx, request.organization_id, 'message.sent', { ...base, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) });
  } else {
    await emitEvent(tx, request.organization_id, 'message.failed', { ...base, error: { code: outcome.code, message: outcome.message } });
  }
}

export const emitIntegrationFailing = (tx: Tx, orgId: string, integration: string, code: string) =>
  emitEvent(tx, orgId, 'integration.failing', { integration, code });

export const emitIntegrationRecovered = (tx: Tx, orgId: string, integration: string, released: number) =>
  emitEvent(tx, orgId, 'integration.recovered', { integration, releasedRequests: released });
