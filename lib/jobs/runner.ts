import 'server-only';
import pg from 'pg';
import { run, type JobHelpers, type Runner, type TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { archiveAuditEntries } from '@/lib/audit/retention';
import { claimCheck, raiseDueAlerts, runClaimedCheck } from '@/lib/endpoints/health';
import { gatewayCrontab, gatewayTasks } from '@/lib/gateway/jobs';
import { inboundWebhookCrontab, inboundWebhookTasks } from '@/lib/webhooks/inbound/jobs';
import { webhookCrontab, webhookTasks } from '@/lib/webhooks/outbound/jobs';
import { jobLogger } from './logger';

// Background work, on graphile-worker: jobs live in Postgres and each is locked by exactly one
// worker, so any number of portal instances (and `npm run worker` processes) can run side by side
// without running the same check twice.
//
// Each tenant with an endpoint has one pending `whatsapp:health-check` job, keyed by tenant. Assigning
// or changing an endpoint schedules it at once (a trigger on tenant_whatsapp_config, which spells the
// same key); each run schedules the next one an interval after its own scheduled time, so checks do
// not drift. Before probing, a run claims the tenant's row, so a check someone started by hand (or a
// run queued by a change while another was in flight) is never doubled. A reconciliation every minute
// re-creates any chain that was lost (a crash mid-job, a database restored without the job schema)
// and raises alerts that came due between checks.

export const HEALTH_TASK = 'whatsapp:health-check';
export const healthJobKey = (tenantId: string) => `whatsapp-health:${tenantId}`;
const payloadSchema = z.object({ tenantId: z.uuid() });

async function scheduleNext(helpers: JobHelpers, tenantId: string, intervalSeconds: number): Promise<void> {
  const scheduled = new Date(helpers.job.run_at).getTime();
  const runAt = new Date(Math.max(Date.now(), scheduled + intervalSeconds * 1000));
  // preserve_run_at: if an assignment change queued a check meanwhile, that earlier one stands.
  await helpers.addJob(HEALTH_TASK, { tenantId }, { jobKey: healthJobKey(tenantId), jobKeyMode: 'preserve_run_at', runAt, maxAttempts: 1 });
}

/** Task lists merged, refusing two tasks of one name (a spread would silently keep only the last). */
export function distinctTasks(...lists: TaskList[]): TaskList {
  const merged: TaskList = {};
  for (const list of lists) {
    for (const [name, task] of Object.entries(list)) {
      if (name in merged) throw new Error(`Two job tasks are named ${name}.`);
      merged[name] = task;
    }
  }
  return merged;
}

const ownTasks: TaskList = {
  async [HEALTH_TASK](payload, helpers) {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return; // not ours to retry
    const { tenantId } = parsed.data;
    const claim = await claimCheck(tenantId);
    if (claim.kind === 'none') return; // the endpoint was removed: the chain ends here
    try {
      // Busy: a check is in flight already (someone pressed "Check now"); this round is covered.
      if (claim.kind === 'claimed') await runClaimedCheck(claim.target);
    } catch (error) {
      // A failed recording must not end the chain (or leave a failed job behind): log, go on.
      logger.error({ tenantId, err: error instanceof Error ? error.message : String(error) }, 'endpoint health check failed to record');
    }
    await scheduleNext(helpers, tenantId, claim.target.health_check_interval);
  },

  async 'whatsapp:reconcile'(_payload, helpers) {
    await raiseDueAlerts();
    const tenants = await withElevated('whatsapp.health', (tx) =>
      tx.query<{ tenant_id: string }>(`select tenant_id from public.tenant_whatsapp_config`),
    );
    if (tenants.length === 0) return;
    const added = await helpers.withPgClient(async (client) => {
      // A job counts as present while it waits to run or while it runs (locked, recently: a lock older
      // than any check can take belongs to a crashed worker). Failed jobs do not count.
      const result = await client.query<{ n: number }>(
        `with wanted as (select * from unnest($1::uuid[], $2::text[]) as t(tenant_id, job_key)),
              missing as (
                select w.* from wanted w
                 where not exists (select 1 from graphile_worker.jobs j
                                    where j.key = w.job_key
                                      and (j.attempts < j.max_attempts or j.locked_at > now() - interval '5 minutes')))
         select count(graphile_worker.add_job($3, json_build_object('tenantId', tenant_id),
                  max_attempts := 1, job_key := job_key, job_key_mode := 'preserve_run_at'))::int as n
           from missing`,
        [tenants.map((t) => t.tenant_id), tenants.map((t) => healthJobKey(t.tenant_id)), HEALTH_TASK],
      );
      return result.rows[0]?.n ?? 0;
    });
    if (added > 0) logger.warn({ added }, 'rescheduled endpoint health checks that had no pending job');
  },

  async 'audit:archive'() {
    const days = env().AUDIT_RETENTION_DAYS;
    const moved = await archiveAuditEntries(days);
    logger.info({ moved, days }, 'audit entries archived');
  },
};

export const tasks = distinctTasks(ownTasks, gatewayTasks, inboundWebhookTasks, webhookTasks);

// Cron lines: reconciliation every minute, audit archiving daily at 03:00 (server time).
export const crontab = ['* * * * * whatsapp:reconcile ?max=1', '0 3 * * * audit:archive ?max=1', ...gatewayCrontab, ...inboundWebhookCrontab, ...webhookCrontab].join('\n');

export async function startJobRunner(options: { concurrency?: number } = {}): Promise<Runner> {
  const concurrency = options.concurrency ?? env().JOB_CONCURRENCY;
  // Our own pool, so a connection the server drops while idle (a restart, a failover) is logged
  // instead of crashing the process as an unhandled 'error' event. Each running job holds a
  // connection while it fetches and completes.
  const pgPool = new pg.Pool({ connectionString: env().DATABASE_URL, max: concurrency + 2 });
  pgPool.on('error', (error) => logger.warn({ err: error.message }, 'idle job runner connection lost'));
  const runner = await run({
    pgPool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    noPreparedStatements: !env().DATABASE_PREPARED_STATEMENTS,
    taskList: tasks,
    crontab,
    logger: jobLogger,
  });
  logger.info({ concurrency }, 'job runner started');
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    await stop();
    await pgPool.end();
  };
  return runner;
}
