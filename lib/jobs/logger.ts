import 'server-only';
import { Logger } from 'graphile-worker';
import { logger } from '@/lib/log';

// graphile-worker speaks through its own Logger; route it into the portal's pino logger so the job
// runner's lines land in the same place, with the same redaction, as everything else.
const levels = { error: 'error', warning: 'warn', info: 'info', debug: 'debug' } as const;

// Its metadata (job payloads, raw errors) is left out: tasks log what matters themselves, safely.
export const jobLogger = new Logger((scope) => (level, message) => {
  // One "Completed task" line per health check would drown everything else; keep them for debug.
  const routine = level === 'info' && message.startsWith('Completed task');
  const method = routine ? 'debug' : (levels[level as keyof typeof levels] ?? 'info');
  logger[method]({ jobs: { label: scope.label, task: scope.taskIdentifier, jobId: scope.jobId } }, message);
});

/** For one-off schema installs from scripts: only problems are worth printing. */
export const quietJobLogger = new Logger(() => (level, message) => {
  if (level === 'error') logger.error({ jobs: { label: 'migrate' } }, message);
});
