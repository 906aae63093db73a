import 'server-only';
import { stringify } from 'csv-stringify/sync';
import type { Tx } from '@/lib/db/rls';
import { logger } from '@/lib/log';
import type { AuditFilters } from '@/lib/validations/audit';
import { auditPage, type AuditEntry, type AuditScope } from './query';

const EXPORT_BATCH = 2000;

const HEADER = [
  'id', 'created_at', 'organization_id', 'organization', 'actor_type', 'actor_id', 'actor', 'action',
  'integration_type', 'target_type', 'target_id', 'outcome', 'changed_fields', 'metadata', 'ip', 'user_agent',
  'chain_seq', 'hash',
];

// A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet; quote it as text.
const neutralize = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function toCsvRow(e: AuditEntry): string[] {
  return [
    e.id, e.createdAt, e.orgId ?? '', e.orgName ?? '', e.actorType, e.actorId ?? '', e.actorLabel ?? '', e.action,
    e.integrationType ?? '', e.targetType ?? '', e.targetId ?? '', e.outcome, e.changedFields.join(' '),
    JSON.stringify(e.metadata), e.ip ?? '', e.userAgent ?? '', e.chainSeq, e.hash,
  ].map(neutralize);
}

/**
 * The whole filtered trail as CSV, newest first, pulled in keyset batches as the client reads it:
 * memory stays flat however many rows there are, and no transaction stays open between batches.
 */
export function auditCsvStream(
  run: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  scope: AuditScope,
  filters: AuditFilters,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined = undefined;
  let headerSent = false;

  async function nextChunk(controller: ReadableStreamDefaultController<Uint8Array>) {
    if (!headerSent) {
      headerSent = true;
      controller.enqueue(encoder.encode(stringify([HEADER])));
      return;
    }
    const page = await run((tx) => auditPage(tx, scope, { ...filters, cursor }, EXPORT_BATCH));
    if (page.entries.length) controller.enqueue(encoder.encode(stringify(page.entries.map(toCsvRow))));
    if (page.nextCursor) cursor = page.nextCursor;
    else controller.close();
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          await nextChunk(controller);
        } catch (error) {
          // Fail the download visibly rather than end a 200 response early with a complete-looking file.
          logger.error({ err: error instanceof Error ? error.message : String(error) }, 'audit export failed');
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
