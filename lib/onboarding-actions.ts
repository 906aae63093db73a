'use server';

import * as z from 'zod/mini';
import { actorFromSession } from '@/lib/auth/actor';
import { orgAction } from '@/lib/http/action';
import { hideOnboarding } from './onboarding';

// The checklist is shown by a shared component, which may not import a page's actions.

/** Hides the "Get started" checklist for the admin calling, in their active organization. */
export const hideOnboardingAction = orgAction({ roles: ['admin'], schema: z.object({}) }, async (_input, ctx) => {
  await hideOnboarding(actorFromSession(ctx));
  return { hidden: true };
});
