// The portal's HTTP surface as the code declares it: every route handler file under app/ and the
// methods it exports. Shared by the specs that must cover all of it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

/** `METHOD /route/[param]` for every exported handler, sorted. */
export async function discoverRoutes(): Promise<string[]> {
  const found: string[] = [];
  const appDir = path.join(root, 'app');
  for (const file of await files(appDir)) {
    const rel = path.relative(appDir, file);
    if (!/(^|\/)route\.ts$/.test(rel)) continue;
    const source = await readFile(file, 'utf8');
    const route = `/${path.dirname(rel)}`;
    for (const m of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|\b(GET|POST|PUT|PATCH|DELETE)\b(?= *[,}])/g)) {
      found.push(`${m[1] ?? m[2]} ${route}`);
    }
  }
  return [...new Set(found)].sort();
}
