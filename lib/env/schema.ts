// The portal's environment, validated in one place. Shared by the server (lib/env.ts) and the
// scripts that launch it, so both refuse the same bad values with the same messages.
import { z } from 'zod';
import { parseWhatsAppEndpoints } from '@/lib/endpoints/parse';
import { parseProxyTrust } from '@/lib/http/client-ip';

const encryptionKeys = z
  .string()
  .trim()
  .min(1)
  .refine(
    (value) =>
      value.split(',').every((entry) => {
        const [kid, key, ...rest] = entry.trim().split(':');
        return (
          rest.length === 0 &&
          !!kid &&
          /^[A-Za-z0-9_-]{1,32}$/.test(kid) &&
          !!key &&
          Buffer.from(key, 'base64').length === 32
        );
      }),
    { message: 'must be comma-separated kid:base64key entries, each key 32 bytes' },
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// connection string' }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
  NEXTAUTH_URL: z.url().optional(),
  INTEGRATIONS_ENCRYPTION_KEYS: encryptionKeys,
  AUTH_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  AUTH_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  AUTH_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseProxyTrust(undefined, value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message.replace(/^TRUSTED_PROXIES /, '') : 'is invalid' });
      }
    }),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  WHATSAPP_ENDPOINTS: z.string().optional(),
  WHATSAPP_ALERT_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  JOB_RUNNER: z.enum(['on', 'off']).default('on'),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(25),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Validated here so a bad value stops the server at boot; lib/integrations reads them per call
  // (tests and the development launcher change them at run time).
  PROVIDER_TEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  PROVIDER_SYNC_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  ALLOW_PRIVATE_PROVIDER_HOSTS: z.enum(['true', 'false']).default('false'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment, or throws one message naming every missing or invalid variable (never its value). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return source[name] === undefined || source[name] === '' ? `${name} is not set` : `${name} ${issue.message}`;
      });
  // In development a broken endpoint list is shown on the superadmin pages instead, so the rest of
  // the portal stays usable while it is fixed; production refuses to start.
  if ((source.NODE_ENV ?? 'development') === 'production') {
    const endpoints = parseWhatsAppEndpoints(source.WHATSAPP_ENDPOINTS);
    if (!endpoints.ok) problems.push(...endpoints.problems.map((p) => `WHATSAPP_ENDPOINTS: ${p}`));
  }
  if (result.success && problems.length === 0) return result.data;
  throw new Error(`Invalid environment:\n  - ${problems.join('\n  - ')}\nSee .env.example for what each variable means.`);
}
