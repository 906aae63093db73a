// Lucide's icons as plain <svg> elements that point at their drawing in one sprite (/icons.svg, made
// from components/icon-set.ts). A page's markup, its data and its scripts carry a ~90-byte reference
// per icon instead of the paths (300–600 bytes each, a third of a 50-row table's page); the browser
// fetches the sprite once and keeps it until the set changes (its address carries the set's version).
// Nothing to load or hydrate, the same markup on the server and in the browser. Like Lucide's, an icon
// is hidden from assistive technology unless it is given a name (aria-label or aria-labelledby).
// Server components take theirs from components/icons.tsx; client components make the few they draw
// here (`const Menu = icon('Menu', 'Menu')`).
import type { SVGProps } from 'react';
import type * as IconSet from './icon-set';

/** A name in components/icon-set.ts: the sprite holds a drawing for each. */
export type IconName = keyof typeof IconSet;

export type IconProps = SVGProps<SVGSVGElement>;
export type Icon = ((props: IconProps) => React.JSX.Element) & { displayName: string };

/** The sprite's address: next.config.mjs sets the version from the icon set, so a new set is a new address. */
export const ICON_SPRITE = `/icons.svg?v=${process.env.SWITCHBOARD_ICONS_VERSION ?? 'dev'}`;

export function icon(displayName: string, name: IconName): Icon {
  const href = `${ICON_SPRITE}#${name}`;
  // Lucide's stroke and 24 px size come from the .icon class (app/globals.css), and the drawing inherits
  // them through <use>; any size class wins over it.
  function LucideIcon({ className, ...props }: IconProps) {
    const named = props['aria-label'] !== undefined || props['aria-labelledby'] !== undefined;
    return (
      <svg viewBox="0 0 24 24" aria-hidden={named ? undefined : true} className={className ? `icon ${className}` : 'icon'} {...props}>
        <use href={href} />
      </svg>
    );
  }
  LucideIcon.displayName = displayName;
  return LucideIcon;
}
