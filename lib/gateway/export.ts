import 'server-only';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '@/lib/auth/actor';
import { listRequests, type RequestSummary } from '@/lib/gateway/log';
import { logger } from '@/lib/log';
import type { RequestFilters } from '@/lib/validations/gateway';

// The delivery log as CSV. Only what the log itself answers goes in: recipients where this reader
// may see them, and never a message body (the log does not hold one).

/** Rows read per transaction while the export streams. */
const EXPORT_BATCH = 2000;

const HEADER = ['created_at', 'channel', 'status', 'recipient', 'integration', 'sender', 'attempts', 'provider_message_id', 'error_code', 'operation', 'provider_status'];

// A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet; quote it as text.
const neutralize = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function toCsvRow(r: RequestSummary): string[] {
  return [
    r.createdAt,
    r.channel,
    r.status,
    r.to ?? '',
    r.integration,
    r.sender.type === 'token' ? `API token: ${r.sender.label}` : r.sender.label,
    String(r.attempts),
    r.providerMessageId ?? '',
    r.error?.code ?? '',
    r.operation?.action ?? '',
    r.operation?.objectStatus ?? '',
  ].map(neutralize);
}

/**
 * Every request matching the filters, newest first, read a page at a time as the client downloads
 * it. The first page is read before the response starts, so a refusal or an unreachable database
 * still answers with its own status instead of a truncated file.
 */
export async function requestsCsv(actor: Actor, filters: RequestFilters): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  // The page link's cursor is not a filter: the export starts at the newest request.
  let page: Awaited<ReturnType<typeof listRequests>> | null = await listRequests(actor, { ...filters, cursor: undefined }, EXPORT_BATCH);
  let headerSent = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            controller.enqueue(encoder.encode(stringify([HEADER])));
            return;
          }
          const current = page;
          if (!current) return;
          if (current.data.length) controller.enqueue(encoder.encode(stringify(current.data.map(toCsvRow))));
          page = current.nextCursor ? await listRequests(actor, { ...filters, cursor: current.nextCursor }, EXPORT_BATCH) : null;
          if (!page) controller.close();
        } catch (error) {
          // Fail the download visibly rather than end a 200 response early with a complete-looking file.
          logger.error({ err: error instanceof Error ? error.message : String(error) }, 'activity export failed');
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
