import { operations } from './operations';

// Which methods each documented path answers, for the proxy's JSON 405 (Next's own is an empty body).

const table = new Map<string, { pattern: RegExp; params: number; methods: Set<string> }>();
for (const op of operations) {
  let entry = table.get(op.path);
  if (!entry) {
    const source = op.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
    entry = { pattern: new RegExp(`^${source}/?$`), params: (op.path.match(/\{/g) ?? []).length, methods: new Set() };
    table.set(op.path, entry);
  }
  entry.methods.add(op.method.toUpperCase());
  if (op.method === 'get') entry.methods.add('HEAD');
}

/**
 * The methods a documented path answers (OPTIONS always), or null for a path that is not documented.
 * A path a literal template names belongs to that template alone, as the router sends it there
 * (`…/zoom/create` is not `…/zoom/{meetingId}`): the templates with the fewest parameters win.
 */
export function allowedMethods(pathname: string): string[] | null {
  const matching = [...table.values()].filter(({ pattern }) => pattern.test(pathname));
  if (matching.length === 0) return null;
  const fewest = Math.min(...matching.map((m) => m.params));
  const found = new Set(['OPTIONS']);
  for (const { methods } of matching.filter((m) => m.params === fewest)) for (const m of methods) found.add(m);
  return [...found].sort();
}
