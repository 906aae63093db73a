import 'server-only';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withElevated } from '@/lib/db/rls';
import { gatewayLimits } from '@/lib/gateway/retry';
import { logger } from '@/lib/log';
import { applyDelivery } from './apply';

// The inbound webhooks' jobs. `webhooks-in:apply` applies one verified delivery (up to 20 tries, with
// graphile-worker's backoff, while its request is still being sent or the provider cannot confirm it).
// Every minute a reconciliation re-queues deliveries that lost their job (a job that ran out of tries,
// a database restored without the job schema). Daily, deliveries that could not be applied in a day
// are marked failed, and the log keeps WEBHOOK_LOG_RETENTION_DAYS (30) of them; what callbacks
// recorded about objects and accounts is kept as long as the request log.

export const APPLY_TASK = 'webhooks-in:apply';
const PURGE_TASK = 'webhooks-in:purge';
const RECONCILE_TASK = 'webhooks-in:reconcile';

const payloadSchema = z.object({ deliveryId: z.union([z.number().int(), z.string().regex(/^\d+$/)]) });

export const inboundWebhookTasks: TaskList = {
  async [APPLY_TASK](payload) {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return; // not ours to retry
    await applyDelivery(String(parsed.data.deliveryId));
  },

  async [RECONCILE_TASK](_payload, helpers) {
    const requeued = await helpers.withPgClient(async (client) => {
      const result = await client.query<{ n: number }>(
        `with lost as (
           select d.id from public.webhook_deliveries_in d
            where d.outcome = 'queued' and d.received_at < now() - interval '2 minutes'
              and not exists (select 1 from graphile_worker.jobs j where j.key = 'webhook-in:' || d.id::text
                                and (j.attempts < j.max_attempts or j.locked_at > now() - interval '5 minutes'))
            limit 1000)
         select count(*)::int as n from (select app_private.schedule_webhook_apply(id) from lost) queued`,
      );
      return result.rows[0]?.n ?? 0;
    });
    if (requeued > 0) logger.warn({ requeued }, 'requeued provider callbacks that had lost their job');
  },

  async [PURGE_TASK]() {
    const days = Number(process.env.WEBHOOK_LOG_RETENTION_DAYS ?? 30) || 30;
    const result = await withElevated('webhooks.receive', async (tx) => {
      const stuck = await tx.query<{ id: string }>(
        `update public.webhook_deliveries_in set outcome = 'failed', events = null, detail = 'Could not be applied within a day.'
          where outcome = 'queued' and received_at < now() - interval '1 day' returning id`,
      );
      const purged = await tx.query<{ id: string }>(
        `delete from public.webhook_deliveries_in where received_at < now() - make_interval(days => $1) returning id`,
        [days],
      );
      // What callbacks recorded about payments, signings and meetings, and Meta's account notices, last
      // as long as the requests they concern (OUTBOUND_RETENTION_DAYS).
      const objects = await tx.query<{ n: number }>(
        `with gone as (delete from public.provider_objects where updated_at < now() - make_interval(days => $1) returning 1) select count(*)::int as n from gone`,
        [gatewayLimits().retentionDays],
      );
      const notices = await tx.query<{ n: number }>(
        `with gone as (delete from public.integration_account_events where created_at < now() - make_interval(days => $1) returning 1) select count(*)::int as n from gone`,
        [gatewayLimits().retentionDays],
      );
      return { stuck: stuck.length, purged: purged.length, objects: objects[0]?.n ?? 0, notices: notices[0]?.n ?? 0 };
    });
    logger.info(result, 'inbound webhook log purged');
  },
};

export const inboundWebhookCrontab = [`* * * * * ${RECONCILE_TASK} ?max=1`, `45 3 * * * ${PURGE_TASK} ?max=1`];
