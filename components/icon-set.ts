// Every Lucide drawing the portal shows, by Lucide's name (the `lucide` package's icon nodes). Only the
// sprite (components/icon-sprite.ts, served as /icons.svg) reads the drawings: pages name an icon and
// point at it there, so no page's markup, data or scripts carry the paths themselves. An icon the
// portal starts to use is added to this list; the type checker refuses a name that is not in it.
import * as lucide from 'lucide';
import type { IconNode } from 'lucide';

const NAMES = [
  'Activity',
  'ArrowLeft',
  'Ban',
  'BuildingComplex',
  'CalendarDays',
  'Check',
  'CheckCheck',
  'ChevronDown',
  'ChevronRight',
  'ChevronUp',
  'Circle',
  'CircleAlert',
  'CircleCheck',
  'CircleDashed',
  'CircleMinus',
  'CirclePause',
  'CircleX',
  'Clock',
  'Copy',
  'CreditCard',
  'Download',
  'ExternalLink',
  'Eye',
  'Inbox',
  'KeyRound',
  'Link2',
  'LoaderCircle',
  'LogOut',
  'Mail',
  'Menu',
  'MessageCircle',
  'MessageSquareText',
  'Monitor',
  'Moon',
  'PenLine',
  'Phone',
  'Plug',
  'Plus',
  'Radio',
  'RefreshCw',
  'ScanFace',
  'ScrollText',
  'Search',
  'Send',
  'Server',
  'ServerOff',
  'Star',
  'Sun',
  'TriangleAlert',
  'UserRound',
  'Users',
  'Video',
  'Webhook',
  'X',
] as const satisfies readonly (keyof typeof lucide)[];

export type IconName = (typeof NAMES)[number];

export const ICON_SET = Object.fromEntries(NAMES.map((name) => [name, lucide[name] as IconNode])) as Record<IconName, IconNode>;
