import * as z from 'zod/mini';
import './locale';
import { expectedVersionSchema, integrationTypeSchema, noNul, optionalFilter } from './common';

/** `{ "user_id": "uuid" | null }` (the seed's shape), with the version the caller saw, if any. */
export const assignNumberSchema = z.object({
  user_id: z.nullable(z.uuid('Choose a team member.')),
  expected_version: expectedVersionSchema,
});
export type AssignNumberInput = z.infer<typeof assignNumberSchema>;

export const primaryNumberObject = z.object({ expected_version: expectedVersionSchema });
export const primaryNumberSchema = z._default(primaryNumberObject, {});

export const numberStatuses = ['assigned', 'unassigned', 'inactive', 'all'] as const;

/** Filters of the phone-numbers table, as they arrive in the URL or the query string. */
export const numberFilterSchema = z.object({
  q: optionalFilter(z.string().check(noNul(), z.trim(), z.maxLength(100))),
  status: optionalFilter(z.enum(numberStatuses, 'Choose assigned, unassigned, inactive or all.')),
  assignee: optionalFilter(z.uuid('Unknown team member.')),
  /** The integration the numbers were synced from. */
  source: optionalFilter(integrationTypeSchema('Unknown source.')),
  page: optionalFilter(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000))),
});
export type NumberFilters = z.infer<typeof numberFilterSchema>;
