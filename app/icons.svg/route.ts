// The icons' drawings (components/icon-sprite.ts). Public, like any page's images: no data in it.
import { iconSpriteResponse } from '@/components/icon-sprite';

export function GET(request: Request) {
  return iconSpriteResponse(new URL(request.url).searchParams.get('v'));
}
