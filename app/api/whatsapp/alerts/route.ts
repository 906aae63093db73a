import { NextResponse } from 'next/server';
import { requireUser } from '@/lib/auth/guards';
import { healthAlertsFor } from '@/lib/endpoints/alerts';
import { apiRoute } from '@/lib/http/route';

/** Open endpoint alerts for the banner: the platform count (superadmins), the active organization's own (its admins). */
export const GET = apiRoute(async () => {
  const ctx = await requireUser();
  return NextResponse.json(await healthAlertsFor(ctx));
});
