// The schema an integration form validates with: the provider's own schema, where each secret that
// is already saved may also be left blank ("Leave blank to keep ••••1234"), plus the display name.
// The server validates the same provider schema after filling blank secrets from the saved row.
// zod/mini, like the provider schemas: this runs in the browser.
import * as z from 'zod/mini';
import { displayNameSchema } from '@/lib/validations/common';
import type { AnyProvider } from './define';

export function integrationFormSchema(provider: AnyProvider, savedSecrets: readonly string[]) {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const [name, spec] of Object.entries(provider.fields)) {
    if (spec.managed) continue;
    const base = provider.schema.shape[name]!;
    shape[name] = spec.secret && savedSecrets.includes(name) ? z.union([z.literal(''), base]) : base;
  }
  return z.object({ display_name: displayNameSchema, credentials: z.object(shape) });
}

/** Fields a person types, in declaration order (OAuth-managed ones are filled by the flow). */
export const formFields = (provider: AnyProvider) => Object.entries(provider.fields).filter(([, spec]) => !spec.managed);
