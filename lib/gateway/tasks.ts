import 'server-only';
import type { Tx } from '@/lib/db/rls';

// The job runner's names for the gateway's work. Each request has at most one pending send job, keyed
// by the request: queueing it again (a retry, a release, a reconciliation) replaces, never doubles it.

export const SEND_TASK = 'outbound:send';
export const RECONCILE_TASK = 'outbound:reconcile';
export const PURGE_TASK = 'outbound:purge';
export const sendJobKey = (requestId: string) => `outbound:${requestId}`;

/** Queues the request's next attempt `delaySeconds` from now, in the caller's transaction. */
export async function scheduleSend(tx: Tx, requestId: string, delaySeconds: number): Promise<void> {
  // The SQL function spells the same task name and job key as SEND_TASK and sendJobKey.
  await tx.query(`select app_private.schedule_outbound_send($1, $2)`, [requestId, delaySeconds]);
}
