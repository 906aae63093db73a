'use server';

import { revalidatePath } from 'next/cache';
import * as z from 'zod/mini';
import { actorFromSession } from '@/lib/auth/actor';
import { orgAction } from '@/lib/http/action';
import { syncAfterVerifiedSave } from '@/lib/phone/auto-sync';
import { discardHeld } from '@/lib/gateway/holds';
import { sendTest } from '@/lib/gateway/test-send';
import type { TestResult } from '@/lib/integrations/define';
import { setPermission } from '@/lib/integrations/permissions';
import type { IntegrationDetail } from '@/lib/integrations/status';
import { deleteIntegration, saveIntegration, testIntegration, TestFailedError } from '@/lib/integrations/write';
import { integrationTypeSchema } from '@/lib/validations/common';
import { rotateWebhookUrl } from '@/lib/webhooks/inbound/view';
import { discardHeldSchema, testSendSchema } from '@/lib/validations/gateway-routing';
import { deleteIntegrationObject, permissionSchema, saveIntegrationSchema, testIntegrationSchema } from '@/lib/validations/integrations';

const type = integrationTypeSchema();

export const testIntegrationAction = orgAction(
  { roles: ['admin'], schema: z.extend(testIntegrationSchema, { type }) },
  async ({ type, ...input }, ctx): Promise<TestResult> => {
    const { result, status } = await testIntegration(actorFromSession(ctx), type, input);
    if (status) revalidatePath('/settings/integrations', 'layout');
    return result;
  },
);

export type SaveOutcome = { saved: true; detail: IntegrationDetail; result: TestResult | null } | { saved: false; result: TestResult };

/** Saves; a failed connection test comes back as a result to show (with "save anyway"), not an error. */
export const saveIntegrationAction = orgAction(
  { roles: ['admin'], schema: z.extend(saveIntegrationSchema, { type }) },
  async ({ type, ...input }, ctx): Promise<SaveOutcome> => {
    try {
      const actor = actorFromSession(ctx);
      const saved = await saveIntegration(actor, type, input);
      syncAfterVerifiedSave(actor, type, saved.result?.ok === true);
      revalidatePath('/settings/integrations', 'layout');
      return { saved: true, detail: saved.detail, result: saved.result };
    } catch (error) {
      if (error instanceof TestFailedError) return { saved: false, result: error.result };
      throw error;
    }
  },
);

export const deleteIntegrationAction = orgAction(
  { roles: ['admin'], schema: z.extend(deleteIntegrationObject, { type }) },
  async ({ type, ...input }, ctx) => {
    await deleteIntegration(actorFromSession(ctx), type, input);
    revalidatePath('/settings/integrations', 'layout');
    return { deleted: true };
  },
);

export const setPermissionAction = orgAction(
  { roles: ['admin'], schema: z.extend(permissionSchema, { type }) },
  async ({ type, ...input }, ctx) => {
    const member = await setPermission(actorFromSession(ctx), type, input);
    revalidatePath('/settings/integrations', 'layout');
    return member;
  },
);

export const sendTestAction = orgAction({ roles: ['admin'], schema: testSendSchema }, async (input, ctx) => sendTest(actorFromSession(ctx), input));

/** Gives up on the requests held for an integration whose credentials were refused. */
export const discardHeldAction = orgAction({ roles: ['admin'], schema: discardHeldSchema }, async ({ type }, ctx) => {
  const discarded = await discardHeld(actorFromSession(ctx), type);
  revalidatePath('/settings/integrations', 'layout');
  return { discarded };
});

export const rotateWebhookUrlAction = orgAction({ roles: ['admin'], schema: z.object({ type }) }, async ({ type }, ctx) => {
  await rotateWebhookUrl(actorFromSession(ctx), type);
  revalidatePath('/settings/integrations', 'layout');
  return { rotated: true };
});
