import * as z from 'zod/mini';
import './locale';
import { healthStatuses, orgRoles } from './constants';

export { healthStatuses, orgRoles };

// Small schemas that several forms, actions and route handlers share. zod/mini keeps the forms'
// browser bundles small: only the checks a schema uses are shipped.

/** An integration's type in a URL or an action (`exotel_phone`); unknown ones are refused further on. */
export const INTEGRATION_TYPE = /^[a-z][a-z0-9_]{1,49}$/;
export const integrationTypeSchema = (message = 'Unknown integration.') => z.string().check(z.regex(INTEGRATION_TYPE, message));
export type IntegrationTypeName = z.infer<ReturnType<typeof integrationTypeSchema>>;

/** The version an editor loaded; a save against a newer one is refused instead of overwriting it. */
export const expectedVersionSchema = z.optional(z.number().check(z.int(), z.gte(1)));

/** An endpoint assignment's version, where null means the editor saw no assignment at all. */
export const expectedAssignmentVersionSchema = z.optional(z.nullable(z.number().check(z.int())));

/** Text that Postgres can store: it refuses the NUL character, so it is refused here first. */
export const NUL_MESSAGE = 'Remove the invisible NUL character (\\u0000) from this value.';
export const noNul = () => z.refine<string>((value) => !value.includes('\u0000'), NUL_MESSAGE);

export const displayNameSchema = z
  .string()
  .check(noNul(), z.trim(), z.minLength(1, 'Enter a display name.'), z.maxLength(100, 'Keep the display name under 100 characters.'));

export const orgRoleSchema = z.enum(orgRoles, 'Choose admin, manager or agent.');
export type OrgRole = z.infer<typeof orgRoleSchema>;

export const healthStatusSchema = z.enum(healthStatuses);
export type HealthStatus = z.infer<typeof healthStatusSchema>;

type Preprocessed<U extends z.core.$ZodType> = z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, U> & { _zod: z.core.$ZodPreprocessInternals<U> };

/**
 * Runs `fn` on the raw value before `schema` (classic zod's `preprocess`, which zod/mini leaves out):
 * a transform piped into the schema, typed so that a key is optional when `schema` is.
 */
export function preprocess<U extends z.core.$ZodType>(fn: (value: unknown) => unknown, schema: U): Preprocessed<U> {
  return z.pipe<z.ZodMiniTransform<unknown, unknown>, U>(z.transform(fn), schema) as Preprocessed<U>;
}

/** Query-string filters: an empty field means "no filter". */
const emptyToUndefined = (value: unknown): unknown => (value === '' || value === null ? undefined : value);
export const optionalFilter = <T extends z.core.$ZodType>(schema: T) => preprocess(emptyToUndefined, z.optional(schema));
