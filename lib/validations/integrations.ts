import { z } from 'zod';

// The envelope around a provider's credentials in the API and the forms. The credentials themselves
// are validated by the provider's own schema (lib/integrations/providers), after blank secrets are
// filled from the saved row.

const credentialValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const saveIntegrationSchema = z.object({
  display_name: z.string().trim().min(1, 'Enter a display name.').max(100, 'Keep the display name under 100 characters.').optional(),
  is_active: z.boolean().optional(),
  credentials: credentialValues.default({}),
  /** The version the editor loaded; a save against a newer one is refused instead of overwriting it. */
  expected_version: z.number().int().min(1).optional(),
  /** Save even though the connection test fails (or without running it). */
  save_unverified: z.boolean().default(false),
});
export type SaveIntegrationValues = z.output<typeof saveIntegrationSchema>;

export const testIntegrationSchema = z.object({
  /** Values to test; omitted or blank secrets fall back to the saved ones. Empty = test what is saved. */
  credentials: credentialValues.default({}),
});
export type TestIntegrationValues = z.output<typeof testIntegrationSchema>;

export const deleteIntegrationSchema = z.object({ expected_version: z.number().int().min(1).optional() }).default({});
export type DeleteIntegrationValues = z.output<typeof deleteIntegrationSchema>;

export const permissionSchema = z.object({
  user_id: z.uuid('Choose a team member.'),
  can_use: z.boolean(),
  can_view_status: z.boolean(),
});
export type PermissionInput = z.infer<typeof permissionSchema>;

/**
 * The seed's API also accepts credentials at the top level (`{"account_sid": …, "api_key": …}`):
 * anything that is not an envelope key is treated as a credential.
 */
export function normalizeIntegrationBody(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const body = raw as Record<string, unknown>;
  if ('credentials' in body) return body;
  const envelope = new Set(['display_name', 'is_active', 'expected_version', 'save_unverified']);
  const credentials: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) (envelope.has(key) ? rest : credentials)[key] = value;
  return { ...rest, credentials };
}
