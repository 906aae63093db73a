import 'server-only';
import type { OperationDeclarations } from '@/lib/operations/define';
import { serverProviders } from '@/lib/integrations/registry.server';

// The activity log's Operation filter, built from what the integrations declare, so a provider's
// new operation appears there without touching the page. The filter matches the action name alone,
// so providers sharing one (Stripe's and PayPal's refunds) share one option that names them both.

export interface OperationOption {
  value: string;
  label: string;
}

interface Declaring {
  name: string;
  operations?: { declarations: OperationDeclarations };
}

export function operationOptions(providers: readonly Declaring[] = serverProviders): OperationOption[] {
  const byAction = new Map<string, { names: string[]; title: string }>();
  for (const provider of providers) {
    for (const [action, declaration] of Object.entries(provider.operations?.declarations ?? {})) {
      const seen = byAction.get(action);
      if (seen) {
        if (!seen.names.includes(provider.name)) seen.names.push(provider.name);
      } else {
        byAction.set(action, { names: [provider.name], title: declaration.title });
      }
    }
  }
  return [...byAction].map(([value, { names, title }]) => ({ value, label: `${names.join(' / ')} — ${title}` }));
}
