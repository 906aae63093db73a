'use server';

import { revalidatePath } from 'next/cache';
import { userAction } from '@/lib/http/action';
import { updateProfile } from '@/lib/team/profile';
import { countryOfPhone, formatPhone, profileSchema } from '@/lib/validations/profile';

/** Saves the signed-in person's own name and phone; there is no way to name anyone else. */
export const updateProfileAction = userAction({ schema: profileSchema }, async (input, ctx) => {
  const { profile, changed } = await updateProfile(ctx, input);
  // The name shows in the shell on every page.
  revalidatePath('/', 'layout');
  return {
    changed,
    values: {
      name: profile.name,
      phone: profile.phone ? formatPhone(profile.phone) : '',
      country: (profile.phone ? countryOfPhone(profile.phone) : null) ?? input.country,
      expected_version: profile.version,
    },
  };
});
