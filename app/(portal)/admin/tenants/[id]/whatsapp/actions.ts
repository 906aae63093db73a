'use server';

import { revalidatePath } from 'next/cache';
import * as z from 'zod/mini';
import { userAction } from '@/lib/http/action';
import { assignEndpoint, removeEndpoint } from '@/lib/endpoints/assignments';
import { endpointSettingsSchema, removeEndpointSchema } from '@/lib/validations/whatsapp';

export const assignEndpointAction = userAction({ schema: z.extend(endpointSettingsSchema, { tenantId: z.string() }), superadmin: true }, async ({ tenantId, ...input }, ctx) => {
  const result = await assignEndpoint(ctx, tenantId, input);
  revalidatePath('/admin/tenants');
  return result;
});

export const removeEndpointAction = userAction({ schema: z.extend(removeEndpointSchema, { tenantId: z.string() }), superadmin: true }, async ({ tenantId, expected_version }, ctx) => {
  await removeEndpoint(ctx, tenantId, expected_version);
  revalidatePath('/admin/tenants');
  return { removed: true };
});
