import type { LucideIcon } from 'lucide-react';
import { Inbox, LayoutTemplate, ListChecks, Settings, Workflow } from 'lucide-react';

/** The app's sections, in the order the navigation lists them. */
export const navItems = [
  { to: '/flows', label: 'nav.flows', icon: Workflow },
  { to: '/templates', label: 'nav.templates', icon: LayoutTemplate },
  { to: '/runs', label: 'nav.runs', icon: ListChecks },
  { to: '/inbox', label: 'nav.inbox', icon: Inbox },
  { to: '/settings', label: 'nav.settings', icon: Settings },
] as const satisfies readonly { to: string; label: string; icon: LucideIcon }[];
