import { operations } from './operations';

// Which methods each documented path answers, for the proxy's JSON 405 (Next's own is an empty body).

const table = new Map<string, { pattern: RegExp; methods: Set<string> }>();
for (const op of operations) {
  let entry = table.get(op.path);
  if (!entry) {
    const source = op.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
    entry = { pattern: new RegExp(`^${source}/?$`), methods: new Set() };
    table.set(op.path, entry);
  }
  entry.methods.add(op.method.toUpperCase());
  if (op.method === 'get') entry.methods.add('HEAD');
}

/** The methods a documented path answers (OPTIONS always), or null for a path that is not documented. */
export function allowedMethods(pathname: string): string[] | null {
  let found: Set<string> | null = null;
  for (const { pattern, methods } of table.values()) {
    if (!pattern.test(pathname)) continue;
    found ??= new Set(['OPTIONS']);
    for (const m of methods) found.add(m);
  }
  return found ? [...found].sort() : null;
}
