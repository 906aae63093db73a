import { z } from 'zod';

// One schema for the superadmin's assignment form, its server action and the tenant-config API.
// Endpoint names are compared exactly (case-sensitive, no trimming), as the catalogue stores them.

const seconds = (label: string, min: number, max: number) =>
  z
    .number(`${label} must be a number of seconds.`)
    .int(`${label} must be a whole number of seconds.`)
    .min(min, `${label} must be between ${min} and ${max} seconds.`)
    .max(max, `${label} must be between ${min} and ${max} seconds.`);

/** A new assignment's settings where the request leaves them out (the table's defaults too). */
export const ENDPOINT_DEFAULTS = {
  auto_reconnect: true,
  reconnect_interval: 30,
  health_check_interval: 60,
  webhook_retries: 3,
  message_timeout: 30,
} as const;

// Settings left out keep their current value (or the default, for a new assignment): a request that
// only names the endpoint never resets the others.
export const endpointSettingsSchema = z.object({
  endpoint_name: z.string('Choose an endpoint.').min(1, 'Choose an endpoint.').max(100, 'Choose an endpoint from the list.'),
  auto_reconnect: z.boolean('Auto-reconnect must be true or false.').optional(),
  reconnect_interval: seconds('Reconnect interval', 10, 3600).optional(),
  health_check_interval: seconds('Health check interval', 10, 3600).optional(),
  webhook_retries: z
    .number('Webhook retries must be a number.')
    .int('Webhook retries must be a whole number.')
    .min(0, 'Webhook retries must be between 0 and 10.')
    .max(10, 'Webhook retries must be between 0 and 10.')
    .optional(),
  message_timeout: seconds('Message timeout', 1, 120).optional(),
  /**
   * The version the editor loaded (null: it saw no assignment). When given, a save over someone
   * else's newer change is refused instead of overwriting it. API callers may leave it out.
   */
  expected_version: z.number().int().nullable().optional(),
});
export type EndpointSettingsInput = z.input<typeof endpointSettingsSchema>;
export type EndpointSettings = z.output<typeof endpointSettingsSchema>;

export const removeEndpointSchema = z.object({ expected_version: z.number().int().nullable().optional() });

export const tenantIdSchema = z.uuid();

export const healthStatuses = ['unknown', 'healthy', 'degraded', 'unhealthy'] as const;

/** The superadmin tenant list's filters, as they arrive in the URL. */
export const tenantListSchema = z.object({
  q: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(120).optional()),
  health: z.preprocess((v) => (v === '' ? undefined : v), z.enum([...healthStatuses, 'none', 'alert']).optional()),
  endpoint: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
  page: z.preprocess((v) => (v === '' || v === undefined ? 1 : Number(v)), z.number().int().min(1).max(100_000).catch(1)),
});
export type TenantListFilters = z.infer<typeof tenantListSchema>;
