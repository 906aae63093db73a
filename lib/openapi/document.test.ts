import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { operationCatalog } from '@/lib/operations/catalog';
import { openApiDocument } from './document';
import { allowedMethods } from './methods';
import { FALLBACK_ROUTE, operations } from './operations';

const root = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir = path.join(root, 'app/api')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [path.relative(root, full)] : [];
  });
}

/** The methods a route file exports, however it spells the export. */
function exportedMethods(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|\\bas ${m}\\b`).test(text));
}

/** `app/api/v1/settings/members/[id]/route.ts` → `/api/v1/settings/members/{id}`. */
const templateOf = (file: string) => `/${path.dirname(file).replace(/^app\//, '').replace(/\[([^\]]+)\]/g, '{$1}')}`;

const documented = (template: string) =>
  new Set(operations.filter((o) => o.path === template).map((o) => o.method.toUpperCase()));

describe('the OpenAPI document', () => {
  it('names every method of every route file, and nothing that no route file serves', () => {
    const files = routeFiles().filter((f) => f !== FALLBACK_ROUTE);
    const covered = new Set<string>();
    for (const file of files) {
      const template = templateOf(file);
      const catchAll = /\{\.\.\.[^}]+\}$/.exec(template);
      if (catchAll) {
        // next-auth's catch-all: each documented path under its prefix is one of its methods.
        const prefix = template.slice(0, catchAll.index);
        const ops = operations.filter((o) => o.path.startsWith(prefix));
        expect(ops.length, `${file} has documented paths`).toBeGreaterThan(0);
        for (const op of ops) {
          expect(exportedMethods(file), `${op.method} ${op.path}`).toContain(op.method.toUpperCase());
          covered.add(`${op.method} ${op.path}`);
        }
        continue;
      }
      expect([...documented(template)].sort(), file).toEqual(exportedMethods(file).sort());
      for (const m of documented(template)) covered.add(`${m.toLowerCase()} ${template}`);
    }
    const all = operations.map((o) => `${o.method} ${o.path}`);
    expect(new Set(all).size, 'no operation is listed twice').toBe(all.length);
    expect(all.filter((op) => !covered.has(op)), 'operations without a route file').toEqual([]);
  });

  it('declares the path parameters its paths name', () => {
    for (const op of operations) {
      const inPath = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(op.params?.shape ?? {}).sort(), `${op.method} ${op.path}`).toEqual(inPath);
    }
  });

  it('is a valid OpenAPI 3.1 document whose schemas all compile', async () => {
    const doc = openApiDocument();
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: (doc as { components: object }).components }, 'doc');
    const bodies = JSON.stringify(doc.paths).match(/"schema":\{/g) ?? [];
    expect(bodies.length).toBeGreaterThan(40);
    for (const [template, item] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!schema) continue;
          const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
          expect(() => ajv.compile(JSON.parse(text) as object), `${method} ${template} ${status}`).not.toThrow();
        }
      }
    }
  });

  it('tells the proxy which methods a path answers', () => {
    expect(allowedMethods('/api/v1/settings/members/7ecd3256-0000-4000-8000-000000000000')).toEqual(['DELETE', 'OPTIONS', 'PATCH']);
    expect(allowedMethods('/api/v1/me')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('/api/v1/settings/phone-numbers/syncs')).toContain('GET');
    expect(allowedMethods('/api/v1/nothing-here')).toBeNull();
    // A literal path is its own route, not a value of its dynamic sibling's parameter.
    expect(allowedMethods('/api/v1/integrations/zoom/create')).toEqual(['OPTIONS', 'POST']);
    expect(allowedMethods('/api/v1/integrations/zoom/85746065123')).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS']);
  });
});

describe('the scopes in the document', () => {
  it('name, for every operation tokens may call, the scope its route handler asks for', () => {
    for (const op of operations.filter((o) => o.auth.includes('token'))) {
      const file = path.join(root, `app${op.path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`);
      const text = readFileSync(file, 'utf8');
      const method = op.method.toUpperCase();
      // Operation routes take their scope from the operation's declaration (its family and access).
      const operation = new RegExp(`export const ${method} = operationRoute(?:<[^>]*>)?\\(\\{ type: '([a-z_]+)', action: '([a-z_]+)' \\}`).exec(text);
      const payment = new RegExp(`export const ${method} = paymentRoute(?:<[^>]*>)?\\('[a-z_]+', '(read|write)'`).exec(text);
      const declared = operation ? operationCatalog.find((c) => c.type === operation[1])?.declarations[operation[2]!] : undefined;
      if (operation || payment) {
        expect(declared ? `${declared.family}:${declared.access}` : `payments:${payment?.[1]}`, `${op.method} ${op.path}`).toBe(op.scope);
        continue;
      }
      const handler = new RegExp(`export const ${method} = (?:sendRoute\\('([a-z:]+)'|[\\s\\S]*?scope: '([a-z:]+)')`).exec(text);
      expect(handler?.[1] ?? handler?.[2], `${op.method} ${op.path}`).toBe(op.scope);
    }
  });
});
