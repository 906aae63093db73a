// Every portal page shows a skeleton while it loads: a page without a loading.tsx beside it or above
// it (below the portal's own folder, whose skeleton would stand in for every page alike) leaves the
// previous page on screen until the new one is ready.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const portal = path.resolve(import.meta.dirname);

// The portal's home page only redirects.
const exempt = new Set(['page.tsx']);

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name.startsWith('_') ? [] : pages(full);
    return name === 'page.tsx' ? [path.relative(portal, full)] : [];
  });
}

function loadingFor(page: string): string | null {
  for (let dir = path.dirname(path.join(portal, page)); dir !== portal; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'loading.tsx');
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return path.relative(portal, candidate);
  }
  return null;
}

describe('portal loading states', () => {
  const all = pages(portal).filter((p) => !exempt.has(p.split(path.sep).join('/')));

  it('finds the pages', () => {
    expect(all).toContain(path.join('settings', 'team', 'page.tsx'));
    expect(all.length).toBeGreaterThan(8);
  });

  it('gives every page a skeleton of its own route', () => {
    expect(all.filter((p) => loadingFor(p) === null)).toEqual([]);
  });

  it('announces each skeleton to screen readers and marks it busy', () => {
    const skeletons = [...new Set(all.map(loadingFor).filter((l): l is string => l !== null))];
    for (const file of skeletons) {
      const source = readFileSync(path.join(portal, file), 'utf8');
      expect(source, file).toMatch(/<PageSkeleton\b|role="status"/);
    }
  });

  it('runs the loading bar over each skeleton (PageSkeleton draws it)', () => {
    const skeletons = [...new Set(all.map(loadingFor).filter((l): l is string => l !== null))];
    for (const file of skeletons) expect(readFileSync(path.join(portal, file), 'utf8'), file).toMatch(/<PageSkeleton\b|<LoadingBar \/>/);
  });
});
