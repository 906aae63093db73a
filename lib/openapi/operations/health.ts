import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { BOTH, SESSION, type Operation } from '../operation';

// Integration health: stored state only, never a call to a provider, so monitors may poll it.

const iso = z.iso.datetime({ offset: true });
const nullable = <T extends z.core.$ZodType>(schema: T) => z.nullable(schema);

const integrationHealth = z
  .object({
    type: z.string(),
    name: z.string(),
    group: z.string(),
    state: z.enum(['not_configured', 'verified', 'unverified', 'failing', 'needs_reconnecting', 'environment', 'disabled']),
    reason: nullable(z.string()),
    lastVerifiedAt: nullable(iso),
    lastFailure: nullable(z.object({ at: iso, code: nullable(z.string()), message: nullable(z.string()) })),
    queued: z.int(),
    held: z.int(),
    lastHour: z.object({ attempts: z.int(), succeeded: z.int(), successRate: nullable(z.number()) }),
  })
  .register(z.globalRegistry, {
    id: 'IntegrationHealth',
    description: 'One integration’s state (needs_reconnecting: its credentials were refused), its queue, and the share of attempts the provider accepted in the last hour.',
  });

export const health: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/integrations/health',
    id: 'integrationHealth',
    tag: 'Integrations',
    summary: 'Integration health',
    description: 'Each integration of the caller’s organization: state, last verification and failure, queued and held requests, and the last hour’s success rate. Read from stored state only; admins and managers.',
    auth: BOTH,
    scope: 'settings:read',
    ok: { status: 200, description: 'The organization’s integrations.', schema: z.object({ data: z.object({ checkedAt: iso, integrations: z.array(integrationHealth) }) }) },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/v1/admin/integrations/health',
    id: 'platformIntegrationHealth',
    tag: 'Platform',
    summary: 'Integration health across organizations',
    description: 'Superadmins only: every organization with the integrations it set up or used, each as in the organization’s own health answer.',
    auth: SESSION,
    ok: {
      status: 200,
      description: 'Every organization.',
      schema: z.object({ data: z.object({ checkedAt: iso, organizations: z.array(z.object({ id: z.uuid(), name: z.string(), integrations: z.array(integrationHealth) })) }) }),
    },
    errors: [401, 403],
  },
];
