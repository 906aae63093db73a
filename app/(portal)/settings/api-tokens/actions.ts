'use server';

import { revalidatePath } from 'next/cache';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/service';
import { actorFromSession } from '@/lib/auth/actor';
import { orgAction } from '@/lib/http/action';
import { createApiTokenSchema, revokeApiTokenSchema } from '@/lib/validations/api-tokens';

/** Creates a token; the response carries it in full, the only time it is ever shown. */
export const createApiTokenAction = orgAction({ roles: ['admin'], schema: createApiTokenSchema }, async (input, ctx) => {
  const created = await createApiToken(actorFromSession(ctx), input);
  revalidatePath('/settings/api-tokens');
  return created;
});

export const revokeApiTokenAction = orgAction({ roles: ['admin'], schema: revokeApiTokenSchema }, async (input, ctx) => {
  await revokeApiToken(actorFromSession(ctx), input.id);
  revalidatePath('/settings/api-tokens');
  return { revoked: true };
});
