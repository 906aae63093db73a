'use server';

import { z } from 'zod';
import { userAction } from '@/lib/http/action';
import { checkNow, healthResult } from './assignments';

// Server actions about endpoints that more than one page offers: the superadmin's tenant page and the
// tenant's own integrations page both run "Check now".

/** Superadmins for any tenant; a tenant's admins for their own (checked in checkNow). */
export const checkEndpointNowAction = userAction({ schema: z.object({ tenantId: z.string() }) }, async ({ tenantId }, ctx) => {
  return healthResult(await checkNow(ctx, tenantId), ctx);
});
