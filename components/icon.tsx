// Lucide's drawings (the `lucide` package's icon nodes) as plain <svg> elements. lucide-react draws
// every icon through a client component, so each icon on a server-rendered page was a client reference
// whose drawing travelled twice, and Lucide's ~5 kB runtime came with every page's scripts. These render
// the same markup on the server and in the browser, with nothing to load or hydrate. Like Lucide's, an
// icon is hidden from assistive technology unless it is given a name (aria-label or aria-labelledby).
// Server components take theirs from components/icons.tsx; client components make the few they draw
// here (`const Menu = icon('Menu', MenuNode)`), so a page's scripts carry only those drawings.
import { createElement, type SVGProps } from 'react';
import type { IconNode } from 'lucide';

export type IconProps = SVGProps<SVGSVGElement>;
export type Icon = ((props: IconProps) => React.JSX.Element) & { displayName: string };

export function icon(name: string, node: IconNode): Icon {
  // Lucide's stroke and 24 px size come from the .icon class (app/globals.css) rather than seven
  // attributes on every icon, repeated in the HTML and in the page's data; any size class wins over it.
  function LucideIcon({ className, ...props }: IconProps) {
    const named = props['aria-label'] !== undefined || props['aria-labelledby'] !== undefined;
    return (
      <svg viewBox="0 0 24 24" aria-hidden={named ? undefined : true} className={className ? `icon ${className}` : 'icon'} {...props}>
        {node.map(([tag, attrs], i) => createElement(tag, { key: i, ...attrs }))}
      </svg>
    );
  }
  LucideIcon.displayName = name;
  return LucideIcon;
}

