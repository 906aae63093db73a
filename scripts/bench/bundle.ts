// First Load JS per route: the gzip size of every script a route needs before it is interactive,
// read from the production build's own route list (.next/diagnostics/route-bundle-stats.json).
// Prints the targets beside each number and never fails on them. Run alone after `next build`:
//   tsx scripts/bench/bundle.ts
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Every page should stay within this; the pages everyone lands on first, within the lower one. */
const TARGET_KB = 180;
const ENTRY_TARGET_KB = 150;
const ENTRY_ROUTES = new Set(['/login', '/']);

interface RouteStats {
  route: string;
  firstLoadChunkPaths: string[];
}

export function reportBundle(root: string = path.resolve(import.meta.dirname, '..', '..')): void {
  const statsFile = path.join(root, '.next', 'diagnostics', 'route-bundle-stats.json');
  if (!existsSync(statsFile)) {
    console.log(`No build to measure (${path.relative(root, statsFile)} is missing): run \`next build\` first.`);
    return;
  }
  const routes = JSON.parse(readFileSync(statsFile, 'utf8')) as RouteStats[];
  const gzipped = new Map<string, number>();
  const sizeOf = (chunk: string) => {
    let size = gzipped.get(chunk);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.resolve(root, chunk))).length;
      gzipped.set(chunk, size);
    }
    return size;
  };
  const rows = routes
    .map((r) => ({ route: r.route, kb: r.firstLoadChunkPaths.reduce((sum, chunk) => sum + sizeOf(chunk), 0) / 1024 }))
    .sort((a, b) => b.kb - a.kb);
  console.log(`${'route'.padEnd(36)} ${'First Load JS (gzip)'.padStart(20)}  target`);
  for (const { route, kb } of rows) {
    const target = ENTRY_ROUTES.has(route) ? ENTRY_TARGET_KB : TARGET_KB;
    const verdict = kb <= target ? 'within' : `over by ${(kb - target).toFixed(1)} kB`;
    console.log(`${route.padEnd(36)} ${`${kb.toFixed(1)} kB`.padStart(20)}  ≤ ${target} kB  ${verdict}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) reportBundle();
