import * as z from 'zod/mini';
import { apiTokenScopeIds } from './api-token-scopes';
import './locale';

export const apiTokenRoles = ['admin', 'manager'] as const;

const NO_SCOPE = 'Choose at least one thing the token may be used for.';

export const createApiTokenSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Give the token a name, e.g. "CRM sync".'), z.maxLength(80, 'Keep the name under 80 characters.')),
  role: z.enum(apiTokenRoles, 'Choose what the token may do.'),
  scopes: z
    .array(z.enum(apiTokenScopeIds, 'Choose from the permissions listed.'), NO_SCOPE)
    .check(z.minLength(1, NO_SCOPE), z.maxLength(apiTokenScopeIds.length, 'Choose each permission once.')),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ id: z.uuid('Unknown token.') });
