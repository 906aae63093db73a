import { callbacks } from './operations/callbacks';
import { gateway } from './operations/gateway';
import { health } from './operations/health';
import { operationEndpoints } from './operations/operations';
import { integrations } from './operations/integrations';
import { account, signIn, whatsapp } from './operations/platform';
import { audit, phone, team } from './operations/team';
import { webhooks } from './operations/webhooks';
import type { Operation } from './operation';

export type { Auth, Method, Operation } from './operation';

// Every API operation the portal serves. The OpenAPI document (/api/v1/openapi.json) is generated
// from this list; a test fails when a route file and this list disagree, and the proxy answers 405
// from it for a method a path does not have.

export const operations: Operation[] = [
  ...signIn,
  ...account,
  ...integrations,
  ...phone,
  ...team,
  ...audit('settings', 'Admins, and managers for their organization.'),
  ...audit('admin', 'Superadmins only, across organizations.'),
  ...whatsapp,
  ...gateway,
  ...health,
  ...operationEndpoints,
  ...callbacks,
  ...webhooks,
];

/** The one route file that is not an operation: the JSON 404 for every address not listed here. */
export const FALLBACK_ROUTE = 'app/api/[...path]/route.ts';
