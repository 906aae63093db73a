import { describe, expect, it } from 'vitest';
import { serverProviders } from '@/lib/integrations/registry.server';
import { apiTokenScopeIds } from '@/lib/validations/api-token-scopes';
import { operationCatalog } from './catalog';
import { ACTION_NAME } from './define';

// The API reference is generated from the catalog; the server runs what the providers' server
// modules declare. They must be the same declarations, each with its runner and a known scope.

describe('the operations catalog', () => {
  it('holds exactly the declarations the server modules run, each with a runner', () => {
    const served = serverProviders.filter((p) => p.operations);
    expect(operationCatalog.map((c) => c.type).sort()).toEqual(served.map((p) => p.id).sort());
    for (const entry of operationCatalog) {
      const provider = served.find((p) => p.id === entry.type)!;
      expect(provider.operations!.declarations, entry.type).toBe(entry.declarations);
      expect(Object.keys(provider.operations!.runs).sort(), entry.type).toEqual(Object.keys(entry.declarations).sort());
    }
  });

  it('names actions plainly and gives each a scope tokens can hold', () => {
    for (const entry of operationCatalog) {
      for (const [action, d] of Object.entries(entry.declarations)) {
        expect(action).toMatch(ACTION_NAME);
        expect(apiTokenScopeIds).toContain(`${d.family}:${d.access}`);
        if (d.object) expect(Object.keys((d.input as unknown as { shape: Record<string, unknown> }).shape), `${entry.type}.${action}`).toContain(d.object);
        // Writes that the provider cannot deduplicate are never retried.
        if (d.access === 'read') expect(d.idempotent, `${entry.type}.${action}`).toBe(true);
      }
    }
  });
});
