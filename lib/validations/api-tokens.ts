import * as z from 'zod/mini';
import './locale';

export const apiTokenRoles = ['admin', 'manager'] as const;

export const createApiTokenSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Give the token a name, e.g. "CRM sync".'), z.maxLength(80, 'Keep the name under 80 characters.')),
  role: z.enum(apiTokenRoles, 'Choose what the token may do.'),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ id: z.uuid('Unknown token.') });
