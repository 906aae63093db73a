'use server';

import { revalidatePath } from 'next/cache';
import { actorFromSession } from '@/lib/auth/actor';
import { orgAction } from '@/lib/http/action';
import { setRoute } from '@/lib/gateway/routing';
import { routingOverview, type ChannelRouting } from '@/lib/gateway/routing-view';
import { otpTextSchema, routeSchema } from '@/lib/validations/gateway-routing';
import { saveOtpText } from '@/lib/gateway/otp-text';

/**
 * Saves which integration sends a channel (and its fallback); `primary: null` goes back to automatic.
 * Saving what is already chosen changes nothing and records nothing.
 */
export const setRouteAction = orgAction(
  { roles: ['admin'], schema: routeSchema },
  async ({ channel, primary, fallback, expected_version }, ctx): Promise<{ changed: boolean; routing: ChannelRouting }> => {
    const actor = actorFromSession(ctx);
    const current = (await routingOverview(actor)).find((r) => r.channel === channel)!;
    const same = current.chosen ? current.chosen.primary === primary && current.chosen.fallback === fallback : primary === null;
    if (same) return { changed: false, routing: current };
    await setRoute(actor, channel, { primary, fallback, expected_version });
    revalidatePath('/settings/integrations/sending');
    const routing = (await routingOverview(actor)).find((r) => r.channel === channel)!;
    return { changed: true, routing };
  },
);

/** Saves what one-time-password texts say; the default words (or the same words again) change nothing. */
export const saveOtpTextAction = orgAction({ roles: ['admin'], schema: otpTextSchema }, async (input, ctx) => {
  const result = await saveOtpText(actorFromSession(ctx), input);
  if (result.changed) revalidatePath('/settings/integrations/sending');
  return result;
});
