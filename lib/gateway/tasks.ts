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
  await tx.query(
    `select graphile_worker.add_job($1, json_build_object('requestId', $2::text), run_at := now() + make_interval(secs => $3),
       max_attempts := 1, job_key := $4, job_key_mode := 'replace')`,
    [SEND_TASK, requestId, delaySeconds, sendJobKey(requestId)],
  );
}
