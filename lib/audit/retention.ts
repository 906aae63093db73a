import 'server-only';
import { withElevated } from '@/lib/db/rls';
import { writeAudit } from './write';

/**
 * Moves entries older than `days` to the archive table, in batches, each batch one transaction (so
 * it can be stopped and resumed at any point). Rows keep their hashes, so chains stay verifiable.
 */
export async function archiveAuditEntries(days: number, batch = 5000): Promise<number> {
  let moved = 0;
  for (;;) {
    const n = await withElevated('audit.retention', async (tx) => {
      const rows = await tx.query<{ n: number }>(
        `with moved as (
           delete from public.integration_audit_logs
            where id in (select id from public.integration_audit_logs
                          where created_at < now() - make_interval(days => $1)
                          order by id limit $2)
            returning *)
         , copied as (insert into public.integration_audit_logs_archive select * from moved returning 1)
         select count(*)::int as n from copied`,
        [days, batch],
      );
      return rows[0]?.n ?? 0;
    });
    moved += n;
    if (n < batch) break;
  }
  if (moved > 0) {
    await withElevated('audit.system', (tx) =>
      writeAudit(tx, { type: 'system', label: 'retention job' }, {
        action: 'audit.archived',
        orgId: null,
        metadata: { archived: moved, older_than_days: days },
      }),
    );
  }
  return moved;
}
