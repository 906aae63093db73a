import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { apiRoute, readQuery } from '@/lib/http/route';
import { auditFilterSchema } from '@/lib/validations/audit';
import { exportAudit, readAudit, requireAuditReader, type AuditArea } from './service';

const filtersOf = (req: NextRequest) => auditFilterSchema.parse(readQuery(req));

/** GET handlers for one audit area: a JSON page, and the streamed CSV export. */
export function auditRoutes(area: AuditArea) {
  return {
    list: apiRoute(async (req) => {
      const reader = await requireAuditReader(area);
      const { page } = await readAudit(reader, filtersOf(req));
      return NextResponse.json({ data: page.entries, nextCursor: page.nextCursor });
    }),
    export: apiRoute(async (req) => {
      const reader = await requireAuditReader(area);
      const stream = await exportAudit(reader, filtersOf(req));
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return new Response(stream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="audit-${area}-${stamp}.csv"`,
          'cache-control': 'no-store',
        },
      });
    }),
  };
}
