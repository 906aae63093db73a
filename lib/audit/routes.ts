import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { apiRoute } from '@/lib/http/route';
import { auditFilterSchema } from '@/lib/validations/audit';
import { exportAudit, readAudit, type AuditArea } from './service';

const filtersOf = (req: NextRequest) => auditFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));

/** GET handlers for one audit area: a JSON page, and the streamed CSV export. */
export function auditRoutes(area: AuditArea) {
  return {
    list: apiRoute(async (req) => {
      const { page } = await readAudit(area, filtersOf(req));
      return NextResponse.json({ data: page.entries, nextCursor: page.nextCursor });
    }),
    export: apiRoute(async (req) => {
      const stream = await exportAudit(area, filtersOf(req));
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
