import 'server-only';
// The icons server components draw, by the names the portal uses (see components/icon.tsx). Server-only:
// a client component importing this would carry every icon's component (each a name and an address,
// ~40 bytes), so it makes its own few instead.
import { icon } from './icon';

export const Activity = icon('Activity', 'Activity');
export const ArrowLeft = icon('ArrowLeft', 'ArrowLeft');
export const Building2 = icon('Building2', 'BuildingComplex');
export const Check = icon('Check', 'Check');
export const ChevronDown = icon('ChevronDown', 'ChevronDown');
export const ChevronRight = icon('ChevronRight', 'ChevronRight');
export const Circle = icon('Circle', 'Circle');
export const CircleAlert = icon('CircleAlert', 'CircleAlert');
export const CircleCheck = icon('CircleCheck', 'CircleCheck');
export const CircleDashed = icon('CircleDashed', 'CircleDashed');
export const CirclePause = icon('CirclePause', 'CirclePause');
export const PauseCircle = CirclePause;
export const CircleX = icon('CircleX', 'CircleX');
export const Download = icon('Download', 'Download');
export const ExternalLink = icon('ExternalLink', 'ExternalLink');
export const KeyRound = icon('KeyRound', 'KeyRound');
export const Link2 = icon('Link2', 'Link2');
export const LogOut = icon('LogOut', 'LogOut');
export const Menu = icon('Menu', 'Menu');
export const Monitor = icon('Monitor', 'Monitor');
export const Moon = icon('Moon', 'Moon');
export const Plug = icon('Plug', 'Plug');
export const Radio = icon('Radio', 'Radio');
export const ScrollText = icon('ScrollText', 'ScrollText');
export const Search = icon('Search', 'Search');
export const Send = icon('Send', 'Send');
export const Server = icon('Server', 'Server');
export const Sun = icon('Sun', 'Sun');
export const TriangleAlert = icon('TriangleAlert', 'TriangleAlert');
export const UserRound = icon('UserRound', 'UserRound');
export const Users = icon('Users', 'Users');
export const Webhook = icon('Webhook', 'Webhook');
