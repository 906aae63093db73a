// The sprite every icon points at (components/icon.tsx): each drawing of components/icon-set.ts once, as
// a <symbol> named by Lucide's name. Served by app/icons.svg.
import type { IconNode } from 'lucide';
import * as ICON_SET from './icon-set';

const escape = (value: string | number) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

let sprite: string | undefined;

function iconSprite(): string {
  sprite ??=
    '<svg xmlns="http://www.w3.org/2000/svg">' +
    (Object.entries(ICON_SET) as [string, IconNode][])
      .map(
        ([name, node]) =>
          `<symbol id="${name}" viewBox="0 0 24 24">` +
          node.map(([tag, attrs]) => `<${tag}${Object.entries(attrs).map(([k, v]) => ` ${k}="${escape(v as string | number)}"`).join('')}/>`).join('') +
          '</symbol>',
      )
      .join('') +
    '</svg>';
  return sprite;
}

/**
 * The sprite's answer: kept for good under the current set's address, only for now under any other, and
 * never in development (next.config.mjs, which sets the version, is read once when `next dev` starts).
 */
export function iconSpriteResponse(version: string | null): Response {
  const current = process.env.NODE_ENV === 'production' && version === (process.env.SWITCHBOARD_ICONS_VERSION ?? 'dev');
  return new Response(iconSprite(), {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    },
  });
}
