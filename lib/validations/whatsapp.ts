import * as z from 'zod/mini';
import './locale';
import { expectedAssignmentVersionSchema, healthStatuses, preprocess } from './common';

export { healthStatuses, type HealthStatus } from './common';
export { ENDPOINT_DEFAULTS } from './constants';

// One schema for the superadmin's assignment form, its server action and the tenant-config API.
// Endpoint names are compared exactly (case-sensitive, no trimming), as the catalogue stores them.

const seconds = (label: string, min: number, max: number) =>
  z
    .number(`${label} must be a number of seconds.`)
    .check(
      z.int(`${label} must be a whole number of seconds.`),
      z.gte(min, `${label} must be between ${min} and ${max} seconds.`),
      z.lte(max, `${label} must be between ${min} and ${max} seconds.`),
    );

// Settings left out keep their current value (or the default, for a new assignment): a request that
// only names the endpoint never resets the others.
export const endpointSettingsSchema = z.object({
  endpoint_name: z.string('Choose an endpoint.').check(z.minLength(1, 'Choose an endpoint.'), z.maxLength(100, 'Choose an endpoint from the list.')),
  auto_reconnect: z.optional(z.boolean('Auto-reconnect must be true or false.')),
  reconnect_interval: z.optional(seconds('Reconnect interval', 10, 3600)),
  health_check_interval: z.optional(seconds('Health check interval', 10, 3600)),
  webhook_retries: z.optional(
    z
      .number('Webhook retries must be a number.')
      .check(
        z.int('Webhook retries must be a whole number.'),
        z.gte(0, 'Webhook retries must be between 0 and 10.'),
        z.lte(10, 'Webhook retries must be between 0 and 10.'),
      ),
  ),
  message_timeout: z.optional(seconds('Message timeout', 1, 120)),
  /**
   * The version the editor loaded (null: it saw no assignment). When given, a save over someone
   * else's newer change is refused instead of overwriting it. API callers may leave it out.
   */
  expected_version: expectedAssignmentVersionSchema,
});
export type EndpointSettingsInput = z.input<typeof endpointSettingsSchema>;
export type EndpointSettings = z.output<typeof endpointSettingsSchema>;

export const removeEndpointSchema = z.object({ expected_version: expectedAssignmentVersionSchema });

export const tenantIdSchema = z.uuid();

const blankToUndefined = (v: unknown): unknown => (v === '' ? undefined : v);

/** The superadmin tenant list's filters, as they arrive in the URL. */
export const tenantListSchema = z.object({
  q: preprocess(blankToUndefined, z.optional(z.string().check(z.trim(), z.maxLength(120)))),
  health: preprocess(blankToUndefined, z.optional(z.enum([...healthStatuses, 'none', 'alert']))),
  endpoint: preprocess(blankToUndefined, z.optional(z.string().check(z.maxLength(100)))),
  page: preprocess(
    (v) => (v === '' || v === undefined ? 1 : Number(v)),
    z.catch(z.number().check(z.int(), z.gte(1), z.lte(100_000)), 1),
  ),
});
export type TenantListFilters = z.infer<typeof tenantListSchema>;
