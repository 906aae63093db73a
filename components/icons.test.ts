import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Menu as MenuNode } from 'lucide';
import { Building2, Menu } from './icons';

describe('icons', () => {
  it('draw Lucide’s paths in a plain svg, hidden from assistive technology', () => {
    const html = renderToStaticMarkup(createElement(Menu, { className: 'size-4' }));
    expect(html).toMatch(/^<svg [^>]*viewBox="0 0 24 24"[^>]*aria-hidden="true"[^>]*class="icon size-4"/);
    for (const [tag, attrs] of MenuNode) expect(html).toContain(`<${tag} d="${attrs.d}"></${tag}>`);
  });

  it('are announced when given a name, and keep the names the code used with lucide-react', () => {
    const html = renderToStaticMarkup(createElement(Building2, { 'aria-label': 'Organization', role: 'img' }));
    expect(html).toContain('aria-label="Organization"');
    expect(html).not.toContain('aria-hidden');
    expect(Building2.displayName).toBe('Building2');
  });
});
