import { NextResponse } from 'next/server';
import { requireUser } from '@/lib/auth/guards';
import { checkNow } from '@/lib/endpoints/assignments';
import { apiRoute } from '@/lib/http/route';

/** Runs one health check of the tenant's endpoint now. Superadmins, or that tenant's admins. */
export const POST = apiRoute<{ tenantId: string }>(async (_req, { params }) => {
  const ctx = await requireUser();
  const { tenantId } = await params;
  const outcome = await checkNow(ctx, tenantId);
  return NextResponse.json({ health: { status: outcome.status, previous: outcome.previous, reason: outcome.reason, latency_ms: outcome.latencyMs, checked_at: outcome.checkedAt.toISOString() } });
});
