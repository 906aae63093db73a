import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // The client-safe halves of the providers reach the browser through the integration form: only
    // zod/mini (classic zod is not tree-shakable) and no server code.
    files: ['lib/integrations/define.ts', 'lib/integrations/registry.ts', 'lib/integrations/form.ts', 'lib/integrations/providers/*.ts'],
    ignores: ['lib/integrations/providers/*.server.ts'],
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
  { ignores: ['.next/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**'] },
];

export default config;
