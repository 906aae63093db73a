import 'server-only';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withElevated } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import { deliver } from './deliver';

// The job runner's webhook work. `webhooks:deliver` makes one attempt of one delivery; each endpoint's
// deliveries share a job queue, so they reach it one at a time. Every minute, deliveries that lost
// their job (queued before the job schema existed, or a runner died mid-attempt) are queued again.
// Daily, deliveries and events older than WEBHOOK_RETENTION_DAYS (default 30) are purged.

export const DELIVER_TASK = 'webhooks:deliver';
const RECONCILE_TASK = 'webhooks:reconcile';
const PURGE_TASK = 'webhooks:purge';

const payloadSchema = z.object({ deliveryId: z.uuid() });

export function retentionDays(): number {
  const value = Number(process.env.WEBHOOK_RETENTION_DAYS);
  return Number.isInteger(value) && value >= 1 ? value : 30;
}

export const webhookTasks: TaskList = {
  async [DELIVER_TASK](payload) {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return; // not ours to retry
    await deliver(parsed.data.deliveryId);
  },

  async [RECONCILE_TASK](_payload, helpers) {
    const requeued = await helpers.withPgClient(async (client) => {
      const result = await client.query<{ n: number }>(
        `with lost as (
           select d.id, d.endpoint_id from public.webhook_deliveries d
            where d.status in ('pending', 'retrying')
              and coalesce(d.next_attempt_at, d.updated_at) < now() - interval '2 minutes'
              and not exists (select 1 from graphile_worker.jobs j where j.key = 'webhooks:' || d.id::text and (j.attempts < j.max_attempts or j.locked_at > now() - interval '5 minutes'))
            limit 1000)
         select count(app_private.schedule_webhook_delivery(id, endpoint_id, 0))::int as n from lost`,
      );
      return result.rows[0]?.n ?? 0;
    });
    if (requeued > 0) logger.warn({ requeued }, 'requeued webhook deliveries that had lost their job');
  },

  async [PURGE_TASK]() {
    const days = retentionDays();
    const purged = await withElevated('webhooks.outbound', async (tx) => {
      const deliveries = await tx.query<{ id: string }>(
        `delete from public.webhook_deliveries where created_at < now() - make_interval(days => $1) and status in ('succeeded', 'failed') returning id`,
        [days],
      );
      await tx.query(
        `delete from public.webhook_events e where e.created_at < now() - make_interval(days => $1)
            and not exists (select 1 from public.webhook_deliveries d where d.event_id = e.id)`,
        [days],
      );
      return deliveries.length;
    });
    logger.info({ purged, days }, 'webhook deliveries purged');
  },
};

export const webhookCrontab = [`* * * * * ${RECONCILE_TASK} ?max=1`, `45 3 * * * ${PURGE_TASK} ?max=1`];
