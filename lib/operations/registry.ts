import 'server-only';
import { notFound } from '@/lib/http/errors';
import type { ServerProvider } from '@/lib/integrations/define.server';
import { findServerProvider } from '@/lib/integrations/registry.server';
import type { Family, OperationDeclaration } from './define';
import type { OperationContext, OperationResult } from './define.server';

// Where the portal finds an integration's operations: on its server module, as the provider declared them.

export interface FoundOperation {
  type: string;
  action: string;
  provider: ServerProvider;
  declaration: OperationDeclaration;
  run: (credentials: Record<string, unknown>, input: never, ctx: OperationContext) => Promise<OperationResult<unknown>>;
}

const nouns: Record<Family, string> = { payments: 'payment', meetings: 'meeting', calendar: 'event', signing: 'signing request', kyc: 'identity check' };
export const objectNoun = (found: Pick<FoundOperation, 'declaration'>) => nouns[found.declaration.family];

/** The operation, or 404 naming what the integration can do. */
export function findOperation(type: string, action: string): FoundOperation {
  const provider = findServerProvider(type);
  const operations = provider?.operations;
  if (!provider || !operations) throw notFound('An integration with operations by that name');
  const declaration = Object.hasOwn(operations.declarations, action) ? operations.declarations[action] : undefined;
  const run = Object.hasOwn(operations.runs, action) ? operations.runs[action] : undefined;
  if (!declaration || !run) {
    throw notFound(`The operation "${action.slice(0, 40)}" of ${provider.name} (it has ${Object.keys(operations.declarations).join(', ')})`);
  }
  return { type, action, provider, declaration, run };
}
