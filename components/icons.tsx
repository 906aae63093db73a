import 'server-only';
// The icons server components draw, by the names the portal uses (see components/icon.tsx). Server-only:
// a client component importing this would carry every drawing here; it makes its own few instead.
import {
  Activity as ActivityNode,
  ArrowLeft as ArrowLeftNode,
  BuildingComplex as BuildingComplexNode,
  Check as CheckNode,
  ChevronDown as ChevronDownNode,
  ChevronRight as ChevronRightNode,
  Circle as CircleNode,
  CircleAlert as CircleAlertNode,
  CircleCheck as CircleCheckNode,
  CircleDashed as CircleDashedNode,
  CirclePause as CirclePauseNode,
  CircleX as CircleXNode,
  Download as DownloadNode,
  ExternalLink as ExternalLinkNode,
  KeyRound as KeyRoundNode,
  Link2 as Link2Node,
  LogOut as LogOutNode,
  Menu as MenuNode,
  Monitor as MonitorNode,
  Moon as MoonNode,
  Plug as PlugNode,
  Radio as RadioNode,
  ScrollText as ScrollTextNode,
  Search as SearchNode,
  Send as SendNode,
  Server as ServerNode,
  Sun as SunNode,
  TriangleAlert as TriangleAlertNode,
  UserRound as UserRoundNode,
  Users as UsersNode,
  Webhook as WebhookNode,
} from 'lucide';
import { icon } from './icon';

export const Activity = icon('Activity', ActivityNode);
export const ArrowLeft = icon('ArrowLeft', ArrowLeftNode);
export const Building2 = icon('Building2', BuildingComplexNode);
export const Check = icon('Check', CheckNode);
export const ChevronDown = icon('ChevronDown', ChevronDownNode);
export const ChevronRight = icon('ChevronRight', ChevronRightNode);
export const Circle = icon('Circle', CircleNode);
export const CircleAlert = icon('CircleAlert', CircleAlertNode);
export const CircleCheck = icon('CircleCheck', CircleCheckNode);
export const CircleDashed = icon('CircleDashed', CircleDashedNode);
export const CirclePause = icon('CirclePause', CirclePauseNode);
export const PauseCircle = CirclePause;
export const CircleX = icon('CircleX', CircleXNode);
export const Download = icon('Download', DownloadNode);
export const ExternalLink = icon('ExternalLink', ExternalLinkNode);
export const KeyRound = icon('KeyRound', KeyRoundNode);
export const Link2 = icon('Link2', Link2Node);
export const LogOut = icon('LogOut', LogOutNode);
export const Menu = icon('Menu', MenuNode);
export const Monitor = icon('Monitor', MonitorNode);
export const Moon = icon('Moon', MoonNode);
export const Plug = icon('Plug', PlugNode);
export const Radio = icon('Radio', RadioNode);
export const ScrollText = icon('ScrollText', ScrollTextNode);
export const Search = icon('Search', SearchNode);
export const Send = icon('Send', SendNode);
export const Server = icon('Server', ServerNode);
export const Sun = icon('Sun', SunNode);
export const TriangleAlert = icon('TriangleAlert', TriangleAlertNode);
export const UserRound = icon('UserRound', UserRoundNode);
export const Users = icon('Users', UsersNode);
export const Webhook = icon('Webhook', WebhookNode);
