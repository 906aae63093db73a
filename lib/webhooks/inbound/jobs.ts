import 'server-only';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withElevated } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import { applyDelivery } from './apply';

// The inbound webhooks' jobs. `webhooks:apply` applies one verified delivery (up to 8 tries, with
// graphile-worker's backoff, while its request is still being sent). Daily, deliveries that could not
// be applied in a day are marked failed, and the log keeps WEBHOOK_LOG_RETENTION_DAYS (30) of them.

export const APPLY_TASK = 'webhooks-in:apply';
const PURGE_TASK = 'webhooks-in:purge';

const payloadSchema = z.object({ deliveryId: z.union([z.number().int(), z.string().regex(/^\d+$/)]) });

export const inboundWebhookTasks: TaskList = {
  async [APPLY_TASK](payload) {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return; // not ours to retry
    await applyDelivery(String(parsed.data.deliveryId));
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
      return { stuck: stuck.length, purged: purged.length };
    });
    logger.info(result, 'inbound webhook log purged');
  },
};

export const inboundWebhookCrontab = [`45 3 * * * ${PURGE_TASK} ?max=1`];
