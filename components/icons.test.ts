import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Menu as MenuNode } from 'lucide';
import { ICON_SPRITE } from './icon';
import { iconSpriteResponse } from './icon-sprite';
import * as ICON_SET from './icon-set';
import { Building2, Menu } from './icons';

const sprite = async (query = new URL(ICON_SPRITE, 'http://portal.test').search) => iconSpriteResponse(new URLSearchParams(query).get('v'));

describe('icons', () => {
  it('point at their drawing in the sprite from a plain svg, hidden from assistive technology', () => {
    const html = renderToStaticMarkup(createElement(Menu, { className: 'size-4' }));
    expect(html).toMatch(/^<svg [^>]*viewBox="0 0 24 24"[^>]*aria-hidden="true"[^>]*class="icon size-4"/);
    expect(html).toContain(`<use href="${ICON_SPRITE.replace(/&/g, '&amp;')}#Menu"></use>`);
    expect(html).not.toContain('<path');
  });

  it('are announced when given a name, and keep the names the code used with lucide-react', () => {
    const html = renderToStaticMarkup(createElement(Building2, { 'aria-label': 'Organization', role: 'img' }));
    expect(html).toContain('aria-label="Organization"');
    expect(html).not.toContain('aria-hidden');
    expect(html).toContain('#BuildingComplex"');
    expect(Building2.displayName).toBe('Building2');
  });
});

describe('the icon sprite', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('holds each drawing of the set once, as Lucide draws it, as an SVG a browser may keep', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const response = await sprite();
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"><symbol /);
    for (const name of Object.keys(ICON_SET)) expect(svg.split(`<symbol id="${name}" viewBox="0 0 24 24">`)).toHaveLength(2);
    expect(svg).toContain(`<symbol id="Menu" viewBox="0 0 24 24">${MenuNode.map(([tag, attrs]) => `<${tag} d="${attrs.d}"/>`).join('')}</symbol>`);
    // Every attribute name is one an SVG element takes as written (Lucide's nodes are the DOM's spelling).
    for (const [, attrs] of Object.values(ICON_SET).flat()) for (const key of Object.keys(attrs)) expect(key).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('is not kept for good under the address of another set, nor while the set changes in development', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect((await sprite('?v=older')).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect((await sprite('')).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    vi.stubEnv('NODE_ENV', 'development');
    expect((await sprite()).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
  });
});
