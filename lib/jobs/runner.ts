import 'server-only';
import { run, type JobHelpers, type Runner, type TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withElevated } from '@/lib/db/rls';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { archiveAuditEntries } from '@/lib/audit/retention';
import { checkTenantEndpoint, loadCheckTarget } from '@/lib/endpoints/health';
import { jobLogger } from './logger';

// Background work, on graphile-worker: jobs live in Postgres and each is locked by exactly one
// worker, so any number of portal instances (and `npm run worker` processes) can run side by side
// without running the same check twice.
//
// Each tenant with an endpoint has one pending `whatsapp:health-check` job, keyed by tenant. Assigning
// or changing an endpoint schedules it at once (a trigger on tenant_whatsapp_config); each run
// schedules the next one an interval after its own scheduled time, so checks do not drift. A
// reconciliation every minute re-creates any chain that was lost (a crash mid-job, a database
// restored without the job schema).

export const healthJobKey = (tenantId: string) => `whatsapp-health:${tenantId}`;
const payloadSchema = z.object({ tenantId: z.uuid() });

async function scheduleNext(helpers: JobHelpers, tenantId: string, intervalSeconds: number): Promise<void> {
  const scheduled = new Date(helpers.job.run_at).getTime();
  const runAt = new Date(Math.max(Date.now(), scheduled + intervalSeconds * 1000));
  // preserve_run_at: if an assignment change queued a check meanwhile, that earlier one stands.
  await helpers.addJob('whatsapp:health-check', { tenantId }, { jobKey: healthJobKey(tenantId), jobKeyMode: 'preserve_run_at', runAt, maxAttempts: 1 });
}

export const tasks: TaskList = {
  async 'whatsapp:health-check'(payload, helpers) {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return; // not ours to retry
    const { tenantId } = parsed.data;
    const target = await loadCheckTarget(tenantId);
    if (!target) return; // the endpoint was removed: the chain ends here
    try {
      await checkTenantEndpoint(tenantId);
    } finally {
      await scheduleNext(helpers, tenantId, target.health_check_interval);
    }
  },

  async 'whatsapp:reconcile'(_payload, helpers) {
    const tenants = await withElevated('whatsapp.health', (tx) =>
      tx.query<{ tenant_id: string }>(`select tenant_id from public.tenant_whatsapp_config`),
    );
    if (tenants.length === 0) return;
    const added = await helpers.withPgClient(async (client) => {
      const result = await client.query<{ n: number }>(
        `with missing as (
           select t.id from unnest($1::uuid[]) as t(id)
            where not exists (select 1 from graphile_worker.jobs j
                               where j.key = 'whatsapp-health:' || t.id::text and j.attempts < j.max_attempts))
         select count(graphile_worker.add_job('whatsapp:health-check', json_build_object('tenantId', id),
                  max_attempts := 1, job_key := 'whatsapp-health:' || id::text, job_key_mode := 'preserve_run_at'))::int as n
           from missing`,
        [tenants.map((t) => t.tenant_id)],
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

// Cron lines: reconciliation every minute, audit archiving daily at 03:00 (server time).
const crontab = ['* * * * * whatsapp:reconcile ?max=1', '0 3 * * * audit:archive ?max=1'].join('\n');

export async function startJobRunner(options: { concurrency?: number } = {}): Promise<Runner> {
  const concurrency = options.concurrency ?? env().JOB_CONCURRENCY;
  const runner = await run({
    connectionString: env().DATABASE_URL,
    concurrency,
    // Each running job holds a connection while it fetches and completes.
    maxPoolSize: concurrency + 2,
    noHandleSignals: true,
    pollInterval: 1000,
    noPreparedStatements: !env().DATABASE_PREPARED_STATEMENTS,
    taskList: tasks,
    crontab,
    logger: jobLogger,
  });
  logger.info({ concurrency }, 'job runner started');
  return runner;
}
