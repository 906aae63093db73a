import { NextResponse } from 'next/server';
import { requireSuperadmin } from '@/lib/auth/guards';
import { catalogueStatus, listEndpointNames } from '@/lib/endpoints/catalogue';
import { AppError } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';

/** The configured endpoints' names, for the assignment dropdown. Never URLs or keys. Superadmins only. */
export const GET = apiRoute(async () => {
  await requireSuperadmin();
  const status = catalogueStatus();
  if (status.problems.length) {
    throw new AppError(503, 'endpoints_misconfigured', `WHATSAPP_ENDPOINTS is invalid: ${status.problems.join(' ')}`);
  }
  const endpoints = listEndpointNames();
  return NextResponse.json({ endpoints, count: endpoints.length });
});
