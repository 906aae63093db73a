import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const root = import.meta.dirname;

// The project file an import names, for `@/…` and relative specifiers (packages are not ours to read).
function resolveProjectModule(fromFile, source) {
  let base;
  if (source.startsWith('@/')) base = path.join(root, source.slice(2));
  else if (source.startsWith('./') || source.startsWith('../')) base = path.resolve(path.dirname(fromFile), source);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

const serverOnlyFiles = new Map();
function isServerOnly(file) {
  if (!serverOnlyFiles.has(file)) serverOnlyFiles.set(file, /^\s*import\s+['"]server-only['"]/m.test(readFileSync(file, 'utf8')));
  return serverOnlyFiles.get(file);
}

// A client component that imports a server-only module fails only at build time, deep in a bundler
// trace; this says which import it is while editing. Type-only imports are erased, so they may stay.
const noServerOnlyInClient = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { serverOnly: "'{{source}}' is server-only (it imports 'server-only'), so a 'use client' file cannot import it." },
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const directives = [];
    for (const node of body) {
      if (node.type !== 'ExpressionStatement' || typeof node.directive !== 'string') break;
      directives.push(node.directive);
    }
    if (!directives.includes('use client')) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const file = resolveProjectModule(context.filename, source);
      if (file && isServerOnly(file)) context.report({ node, messageId: 'serverOnly', data: { source } });
    };
    const typeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => typeOnly(node) || check(node, node.source.value),
      ExportNamedDeclaration: (node) => !node.source || typeOnly(node) || check(node, node.source.value),
      ExportAllDeclaration: (node) => typeOnly(node) || check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { switchboard: { rules: { 'no-server-only-in-client': noServerOnlyInClient } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      'switchboard/no-server-only-in-client': 'error',
    },
  },
  {
    // Routes depend on components and lib, never the other way round: shared server actions live in
    // lib/ (or reach a component as a prop from its server parent).
    files: ['components/**', 'lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app', '@/app/*'], message: 'components/ and lib/ must not import from app/.' }] }],
    },
  },
  {
    // Provider definitions are bundled into the browser (the integration form validates with them):
    // they may import zod and each other, nothing that could drag server code along.
    files: ['lib/integrations/providers/*.ts', 'lib/integrations/define.ts'],
    ignores: ['lib/integrations/providers/*.server.ts', 'lib/integrations/providers/*.test.ts', 'lib/integrations/providers/*.operations.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(?:zod|zod/mini|\\.\\./define)$)(?!\\./(?!.*\\.server$))',
              message: "Client-safe provider files import only 'zod', 'zod/mini', '../define' and their client-safe siblings ('./…', not '*.server'); server code goes in a *.server.ts file.",
            },
          ],
        },
      ],
    },
  },
  {
    // The client-safe halves of the providers reach the browser through the integration form: only
    // zod/mini (classic zod is not tree-shakable) and no server code.
    files: ['lib/integrations/define.ts', 'lib/integrations/registry.ts', 'lib/integrations/providers/*.ts'],
    // Tests are never bundled: they exercise the server halves beside the modules they test.
    ignores: ['lib/integrations/providers/*.server.ts', 'lib/integrations/providers/*.test.ts', 'lib/integrations/providers/*.operations.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Use zod/mini in client-safe provider modules.' }],
          patterns: [{ group: ['*.server', 'server-only', 'node:*', '@/lib/*'], message: 'Client-safe provider modules import only zod/mini and each other.' }],
        },
      ],
    },
  },
  {
    // Operation declarations are client-safe as well (the API reference and the Try it panel read
    // them), and take their schemas from lib/validations and their shape from lib/operations/define.
    files: ['lib/integrations/providers/*.operations.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Use zod/mini in client-safe operation declarations.' }],
          patterns: [
            { group: ['*.server', 'server-only', 'node:*', '@/app', '@/app/*'], message: 'Operation declarations import no server code.' },
            { regex: '^@/lib/(?!validations/|operations/define$)', message: 'Operation declarations import only zod/mini, lib/validations and lib/operations/define.' },
          ],
        },
      ],
    },
  },
  {
    // The integration form's schema builder runs in the browser too: zod/mini and the shared
    // client-safe schemas only.
    files: ['lib/integrations/form.ts', 'lib/validations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Use zod/mini: forms run these schemas in the browser.' }],
          patterns: [{ group: ['*.server', 'server-only', 'node:*'], message: 'Schemas shared with the browser import no server code.' }],
        },
      ],
    },
  },
  { ignores: ['.next/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**'] },
];

export default config;
