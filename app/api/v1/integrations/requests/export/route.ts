import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { requestsCsv } from '@/lib/gateway/export';
import { apiRoute, readQuery } from '@/lib/http/route';
import { requestFilterSchema } from '@/lib/validations/gateway';

export const GET = apiRoute(
  async (req) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'requests:read' });
    const filters = requestFilterSchema.parse(readQuery(req));
    const stream = await requestsCsv(actor, filters);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return new Response(stream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="activity-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    });
  },
  { tokens: true },
);
