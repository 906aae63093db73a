// The two halves of every provider agree, and everything a provider declares to the environment
// is derived or documented rather than typed again elsewhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorProviderEnv } from '@/scripts/simulator/providers';
import { providers } from './registry';
import { providerBaseUrls, serverProviders } from './registry.server';

describe('provider registries', () => {
  it('lists a server half for every provider, in the same order, built on the same client half', () => {
    expect(serverProviders.map((p) => p.id)).toEqual(providers.map((p) => p.id));
    serverProviders.forEach((server, i) => {
      expect(server.schema, server.id).toBe(providers[i]!.schema);
      expect(server.fields, server.id).toBe(providers[i]!.fields);
      expect(Boolean(server.oauth), `${server.id} OAuth consent`).toBe(Boolean(providers[i]!.oauthConsent));
    });
  });

  it('declares each base URL once, with the simulator path it is served under', () => {
    const declared = providerBaseUrls();
    expect(new Set(declared.map((b) => b.env)).size).toBe(declared.length);
    for (const b of declared) {
      expect(b.simulatorPath, b.env).toMatch(/^\/[\w./-]+$/);
      if (b.url !== undefined) expect(b.url, b.env).toMatch(/^https:\/\/[^/]+/);
    }
  });

  it('points every declared base URL at the simulator', () => {
    const env = simulatorProviderEnv('http://127.0.0.1:4999/', { port: 2599 });
    for (const b of providerBaseUrls()) expect(env[b.env], b.env).toBe(`http://127.0.0.1:4999${b.simulatorPath}`);
    expect(env).toMatchObject({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '2599', SMTP_SECURITY: 'none' });
  });

  it('documents every environment variable a provider reads in .env.example', () => {
    const documented = new Set(readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8').match(/\b[A-Z][A-Z0-9_]+\b/g));
    const names = [
      ...providerBaseUrls().map((b) => b.env),
      ...providers.flatMap((p) => Object.values(p.fields).flatMap((spec) => (spec.env ? [spec.env] : []))),
    ];
    expect(names.filter((name) => !documented.has(name))).toEqual([]);
  });
});
