// Lucide's drawings (the `lucide` package's icon nodes) as plain <svg> elements. lucide-react draws
// every icon through a client component, so each icon on a server-rendered page was a client reference
// whose drawing travelled twice, and Lucide's ~5 kB runtime came with every page's scripts. These render
// the same markup on the server and in the browser, with nothing to load or hydrate. Like Lucide's, an
// icon is hidden from assistive technology unless it is given a name (aria-label or aria-labelledby).
// Server components take theirs from components/icons.tsx; client components make the few they draw
// here (`const Menu = icon('Menu', MenuNode)`), so a page's scripts carry only those drawings.
import { createElement, type SVGProps } from 'react';
import type { IconNode } from 'lucide';

export type IconProps = SVGProps<SVGSVGElement> & { size?: number | string };
export type Icon = ((props: IconProps) => React.JSX.Element) & { displayName: string };

export function icon(name: string, node: IconNode): Icon {
  function LucideIcon({ size = 24, ...props }: IconProps) {
    const named = props['aria-label'] !== undefined || props['aria-labelledby'] !== undefined;
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden={named ? undefined : true}
        {...props}
      >
        {node.map(([tag, attrs], i) => createElement(tag, { key: i, ...attrs }))}
      </svg>
    );
  }
  LucideIcon.displayName = name;
  return LucideIcon;
}

