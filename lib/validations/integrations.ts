import * as z from 'zod/mini';
import './locale';
import { displayNameSchema, expectedVersionSchema } from './common';

// The envelope around a provider's credentials in the API and the forms. The credentials themselves
// are validated by the provider's own schema (lib/integrations/providers), after blank secrets are
// filled from the saved row.

const credentialValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const saveIntegrationSchema = z.object({
  display_name: z.optional(displayNameSchema),
  is_active: z.optional(z.boolean()),
  credentials: z._default(credentialValues, {}),
  expected_version: expectedVersionSchema,
  /** Save even though the connection test fails (or without running it). */
  save_unverified: z._default(z.boolean(), false),
});
export type SaveIntegrationValues = z.output<typeof saveIntegrationSchema>;

export const testIntegrationSchema = z.object({
  /** Values to test; omitted or blank secrets fall back to the saved ones. Empty = test what is saved. */
  credentials: z._default(credentialValues, {}),
});
export type TestIntegrationValues = z.output<typeof testIntegrationSchema>;

export const deleteIntegrationObject = z.object({ expected_version: expectedVersionSchema });
export const deleteIntegrationSchema = z._default(deleteIntegrationObject, {});
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
