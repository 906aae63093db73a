import { NextResponse } from 'next/server';
import { requireUser } from '@/lib/auth/guards';
import { checkNow, healthResult } from '@/lib/endpoints/assignments';
import { apiRoute } from '@/lib/http/route';

/** Runs one health check of the tenant's endpoint now. Superadmins, or that tenant's admins. */
export const POST = apiRoute<{ tenantId: string }>(async (_req, { params }) => {
  const ctx = await requireUser();
  const { tenantId } = await params;
  return NextResponse.json({ health: healthResult(await checkNow(ctx, tenantId), ctx) });
});
