import {
  Bot,
  CalendarClock,
  CircleCheck,
  Clock,
  CornerDownRight,
  Flag,
  GitBranch,
  Globe,
  type LucideIcon,
  MessageCircleQuestionMark,
  MessageSquare,
  MessageSquarePlus,
  MessageSquareText,
  PenLine,
  Play,
  Puzzle,
  Send,
  Tag,
  UserCheck,
  UserMinus,
  Variable,
  Webhook,
  Workflow,
  Zap,
} from 'lucide-react';
import type { NodeType } from '../node-types.ts';

// Words of a type id's name (after the pack) and the icon they suggest, first match wins. No node
// type is named here: a custom `acme.send_sms` gets the send icon, an unknown word the puzzle.
const byWord: readonly (readonly [RegExp, LucideIcon])[] = [
  [/question|ask|survey/, MessageCircleQuestionMark],
  [/comment|note/, MessageSquareText],
  [/send|reply|notify|email|sms/, Send],
  [/unassign/, UserMinus],
  [/assign|agent|owner/, UserCheck],
  [/branch|switch|split|condition/, GitBranch],
  [/hours|calendar|holiday/, CalendarClock],
  [/wait|delay|sleep|timer/, Clock],
  [/jump|goto|loop/, CornerDownRight],
  [/trigger_workflow|workflow|subflow/, Workflow],
  [/http|request|api|fetch/, Globe],
  [/variable|var/, Variable],
  [/field|update|set/, PenLine],
  [/tag|label/, Tag],
  [/priority|flag/, Flag],
  [/close|resolve|done/, CircleCheck],
  [/open|start/, MessageSquarePlus],
  [/bot|ai|gpt/, Bot],
  [/message|conversation|chat/, MessageSquare],
];

const byTriggerSource: Readonly<Record<string, LucideIcon>> = { webhook: Webhook, schedule: CalendarClock, manual: Play, event: Zap };

/** The icon of a node type's card and palette entry: from what its trigger listens to, or the words of its id. */
export function iconOfNodeType(nodeType: NodeType | undefined): LucideIcon {
  if (nodeType === undefined) return Puzzle;
  const name = nodeType.type.split('.').at(-1) ?? '';
  if (nodeType.kind === 'trigger') return (nodeType.triggerSource === undefined ? undefined : byTriggerSource[nodeType.triggerSource]) ?? Zap;
  for (const [pattern, icon] of byWord) if (pattern.test(name)) return icon;
  return Puzzle;
}
