import 'server-only';
// The icons server components draw, by the names the portal uses (see components/icon.tsx). Server-only:
// a client component importing this would carry every drawing here; it makes its own few instead.
import {
  Activity as ActivityNode,
  ArrowLeft as ArrowLeftNode,
  Ban as BanNode,
  BuildingComplex as BuildingComplexNode,
  CalendarDays as CalendarDaysNode,
  Check as CheckNode,
  CheckCheck as CheckCheckNode,
  ChevronDown as ChevronDownNode,
  ChevronRight as ChevronRightNode,
  ChevronUp as ChevronUpNode,
  Circle as CircleNode,
  CircleAlert as CircleAlertNode,
  CircleCheck as CircleCheckNode,
  CircleDashed as CircleDashedNode,
  CircleMinus as CircleMinusNode,
  CirclePause as CirclePauseNode,
  CircleX as CircleXNode,
  Clock as ClockNode,
  Copy as CopyNode,
  CreditCard as CreditCardNode,
  Download as DownloadNode,
  ExternalLink as ExternalLinkNode,
  Eye as EyeNode,
  Inbox as InboxNode,
  KeyRound as KeyRoundNode,
  Link2 as Link2Node,
  LoaderCircle as LoaderCircleNode,
  LogOut as LogOutNode,
  Mail as MailNode,
  Menu as MenuNode,
  MessageCircle as MessageCircleNode,
  MessageSquareText as MessageSquareTextNode,
  Monitor as MonitorNode,
  Moon as MoonNode,
  PenLine as PenLineNode,
  Phone as PhoneNode,
  Plug as PlugNode,
  Plus as PlusNode,
  Radio as RadioNode,
  RefreshCw as RefreshCwNode,
  ScanFace as ScanFaceNode,
  ScrollText as ScrollTextNode,
  Search as SearchNode,
  Send as SendNode,
  Server as ServerNode,
  ServerOff as ServerOffNode,
  Star as StarNode,
  Sun as SunNode,
  TriangleAlert as TriangleAlertNode,
  UserRound as UserRoundNode,
  Users as UsersNode,
  Video as VideoNode,
  Webhook as WebhookNode,
  X as XNode,
} from 'lucide';
import { icon } from './icon';

export const Activity = icon('Activity', ActivityNode);
export const ArrowLeft = icon('ArrowLeft', ArrowLeftNode);
export const Ban = icon('Ban', BanNode);
export const Building2 = icon('Building2', BuildingComplexNode);
export const CalendarDays = icon('CalendarDays', CalendarDaysNode);
export const Check = icon('Check', CheckNode);
export const CheckCheck = icon('CheckCheck', CheckCheckNode);
export const CheckIcon = Check;
export const ChevronDown = icon('ChevronDown', ChevronDownNode);
export const ChevronDownIcon = ChevronDown;
export const ChevronRight = icon('ChevronRight', ChevronRightNode);
export const ChevronUpIcon = icon('ChevronUp', ChevronUpNode);
export const Circle = icon('Circle', CircleNode);
export const CircleAlert = icon('CircleAlert', CircleAlertNode);
export const CircleCheck = icon('CircleCheck', CircleCheckNode);
export const CircleDashed = icon('CircleDashed', CircleDashedNode);
export const CircleMinus = icon('CircleMinus', CircleMinusNode);
export const CirclePause = icon('CirclePause', CirclePauseNode);
export const PauseCircle = CirclePause;
export const CircleX = icon('CircleX', CircleXNode);
export const Clock = icon('Clock', ClockNode);
export const Copy = icon('Copy', CopyNode);
export const CreditCard = icon('CreditCard', CreditCardNode);
export const Download = icon('Download', DownloadNode);
export const ExternalLink = icon('ExternalLink', ExternalLinkNode);
export const Eye = icon('Eye', EyeNode);
export const Inbox = icon('Inbox', InboxNode);
export const KeyRound = icon('KeyRound', KeyRoundNode);
export const Link2 = icon('Link2', Link2Node);
export const LoaderCircle = icon('LoaderCircle', LoaderCircleNode);
export const LogOut = icon('LogOut', LogOutNode);
export const Mail = icon('Mail', MailNode);
export const Menu = icon('Menu', MenuNode);
export const MessageCircle = icon('MessageCircle', MessageCircleNode);
export const MessageSquareText = icon('MessageSquareText', MessageSquareTextNode);
export const Monitor = icon('Monitor', MonitorNode);
export const Moon = icon('Moon', MoonNode);
export const PenLine = icon('PenLine', PenLineNode);
export const Phone = icon('Phone', PhoneNode);
export const Plug = icon('Plug', PlugNode);
export const Plus = icon('Plus', PlusNode);
export const Radio = icon('Radio', RadioNode);
export const RefreshCw = icon('RefreshCw', RefreshCwNode);
export const ScanFace = icon('ScanFace', ScanFaceNode);
export const ScrollText = icon('ScrollText', ScrollTextNode);
export const Search = icon('Search', SearchNode);
export const Send = icon('Send', SendNode);
export const Server = icon('Server', ServerNode);
export const ServerOff = icon('ServerOff', ServerOffNode);
export const Star = icon('Star', StarNode);
export const Sun = icon('Sun', SunNode);
export const TriangleAlert = icon('TriangleAlert', TriangleAlertNode);
export const UserRound = icon('UserRound', UserRoundNode);
export const Users = icon('Users', UsersNode);
export const Video = icon('Video', VideoNode);
export const Webhook = icon('Webhook', WebhookNode);
export const XIcon = icon('X', XNode);
