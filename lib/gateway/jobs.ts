import 'server-only';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withElevated } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import { operationDeadlineMs } from '@/lib/operations/context';
import { executeRequest } from './execute';
import { gatewayLimits } from './retry';
import { PURGE_TASK, RECONCILE_TASK, SEND_TASK, sendJobKey } from './tasks';

// The gateway's jobs. `outbound:send` makes one attempt of one request. Every minute a reconciliation
// re-queues what lost its job (a runner killed mid-send leaves its request 'sending'; a job that
// failed outright leaves it 'queued'), so nothing accepted is ever dropped. Daily, requests older
// than OUTBOUND_RETENTION_DAYS and Idempotency-Keys older than 24 hours are purged.

const payloadSchema = z.object({ requestId: z.uuid() });

/**
 * Operations are made while their caller waits, never by a job: one still 'sending' well after its
 * deadline was cut off (the process stopped mid-call). Whether the provider acted is unknown, so it
 * ends failed saying so; a repeat under the same Idempotency-Key resumes it with the same provider key.
 */
export async function interruptedOperations(): Promise<number> {
  const stale = Math.ceil((2 * operationDeadlineMs()) / 1000) + 30;
  return withElevated('gateway.send', async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update public.outbound_requests
          set status = 'failed', error_code = 'interrupted', updated_at = now(), completed_at = now(),
              error_message = 'The portal stopped while the provider was being called: check the provider before trying again.'
        where kind = 'operation' and status = 'sending' and updated_at < now() - make_interval(secs => $1)
        returning id`,
      [stale],
    );
    return rows.length;
  });
}

export const gatewayTasks: TaskList = {
  async [SEND_TASK](payload) {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return; // not ours to retry
    await executeRequest(parsed.data.requestId);
  },

  async [RECONCILE_TASK](_payload, helpers) {
    const stale = gatewayLimits().staleSendingSeconds;
    const requeued = await helpers.withPgClient(async (client) => {
      const result = await client.query<{ n: number }>(
        `with lost as (
           select r.id from public.outbound_requests r
            where r.kind <> 'operation'
              and ((r.status = 'queued' and coalesce(r.next_attempt_at, r.updated_at) < now() - interval '1 minute')
                   or (r.status = 'sending' and r.updated_at < now() - make_interval(secs => $1)))
              and not exists (select 1 from graphile_worker.jobs j where j.key = $2 || r.id::text and j.locked_at is null and j.attempts < j.max_attempts)
            limit 1000)
         select count(graphile_worker.add_job($3, json_build_object('requestId', id::text), max_attempts := 1,
                  job_key := $2 || id::text, job_key_mode := 'preserve_run_at'))::int as n
           from lost`,
        [stale, sendJobKey(''), SEND_TASK],
      );
      return result.rows[0]?.n ?? 0;
    });
    if (requeued > 0) logger.warn({ requeued }, 'requeued outbound requests that had lost their job');
    const interrupted = await interruptedOperations();
    if (interrupted > 0) logger.warn({ interrupted }, 'operations interrupted while the provider was being called');
  },

  async [PURGE_TASK]() {
    const { retentionDays } = gatewayLimits();
    const purged = await withElevated('gateway.send', async (tx) => {
      const requests = await tx.query<{ id: string }>(
        `delete from public.outbound_requests where created_at < now() - make_interval(days => $1) returning id`,
        [retentionDays],
      );
      await tx.query(`delete from public.idempotency_keys where created_at < now() - interval '24 hours'`);
      return requests.length;
    });
    logger.info({ purged, retentionDays }, 'outbound requests purged');
  },
};

export const gatewayCrontab = [`* * * * * ${RECONCILE_TASK} ?max=1`, `30 3 * * * ${PURGE_TASK} ?max=1`];
