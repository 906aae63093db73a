import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** `{ "user_id": "uuid" | null }` (the seed's shape), with the version the caller saw, if any. */
export const assignNumberSchema = z.object({
  user_id: z.uuid('Choose a team member.').nullable(),
  expected_version: z.number().int().min(1).optional(),
});
export type AssignNumberInput = z.infer<typeof assignNumberSchema>;

export const primaryNumberSchema = z.object({ expected_version: z.number().int().min(1).optional() }).default({});

export const numberStatuses = ['assigned', 'unassigned', 'inactive', 'all'] as const;

/** Filters of the phone-numbers table, as they arrive in the URL or the query string. */
export const numberFilterSchema = z.object({
  q: optional(z.string().trim().max(100)),
  status: optional(z.enum(numberStatuses, 'Choose assigned, unassigned, inactive or all.')),
  assignee: optional(z.uuid('Unknown team member.')),
  source: optional(z.string().regex(/^[a-z][a-z0-9_]{1,49}$/, 'Unknown source.')),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
export type NumberFilters = z.infer<typeof numberFilterSchema>;
