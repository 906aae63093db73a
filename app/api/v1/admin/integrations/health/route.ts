import { NextResponse } from 'next/server';
import { requireSuperadmin } from '@/lib/auth/guards';
import { platformHealth } from '@/lib/integrations/health';
import { apiRoute } from '@/lib/http/route';

/** Every organization's integrations that are set up or in use, with their health (superadmins). */
export const GET = apiRoute(async () => {
  await requireSuperadmin();
  return NextResponse.json({ data: await platformHealth() }, { headers: { 'cache-control': 'no-store' } });
});
