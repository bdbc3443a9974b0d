import type { LucideIcon } from 'lucide-react';
import { Inbox, LayoutTemplate, ListChecks, Settings, Workflow } from 'lucide-react';
import type { Access } from '../session/access.ts';

/** The app's sections, in the order the navigation lists them, each with the access its role needs to see it. */
export const navItems = [
  { to: '/flows', label: 'nav.flows', icon: Workflow, access: 'flows:read' },
  { to: '/templates', label: 'nav.templates', icon: LayoutTemplate, access: 'flows:read' },
  { to: '/runs', label: 'nav.runs', icon: ListChecks, access: 'flows:read' },
  { to: '/inbox', label: 'nav.inbox', icon: Inbox, access: 'inbox:read' },
  { to: '/settings', label: 'nav.settings', icon: Settings, access: 'admin' },
] as const satisfies readonly { to: string; label: string; icon: LucideIcon; access: Access }[];
